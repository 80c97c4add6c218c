#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <vector>

namespace tc::core {

struct JsonMember;

// One JSON value as StrictJson read it. Objects keep their members in file order.
struct JsonValue {
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;
    QString text;                    // String: the decoded text; Number: the token as written
    std::vector<JsonValue> items;    // Array
    std::vector<JsonMember> members; // Object, in file order, keys unique

    bool isObject() const { return type == Type::Object; }
    bool isString() const { return type == Type::String; }
    bool isNumber() const { return type == Type::Number; }
    // The member named key, or nullptr (linear: for objects with a handful of members).
    const JsonValue *member(QStringView key) const;
    // How the value reads in a message: "2.5", "the string \"7\"", "an object", ...
    QString describe() const;
};

struct JsonMember {
    QString key;
    JsonValue value;
};

// A strict JSON reader (RFC 8259) for the small hand-edited inputs (keyword catalogs, superclass
// maps), which QJsonDocument cannot check the way they must be checked: it keeps object members
// in file order (the order of a catalog's classes is its label order), refuses a key that appears
// twice in one object, naming it, where QJsonDocument silently keeps the last one, and says where
// an error is by line and column. Linear time (a hash set per object for the duplicate check),
// nesting bounded by kMaxDepth, strings must be valid UTF-8, a leading UTF-8 byte order mark is
// skipped (Windows editors write one).
class StrictJson final {
public:
    static constexpr int kMaxDepth = 64;

    // False with errorString() = "<problem> at line L, column C" ("<path of keys>: duplicate key
    // ..." for duplicates); *out is then unspecified.
    bool parse(QByteArrayView json, JsonValue *out);
    QString errorString() const { return m_error; }
    // text in double quotes for a message, control characters and line separators written as
    // \uXXXX escapes, so a hostile key can never split the message's line.
    static QString quoted(QStringView text);

private:
    QString m_error;
};

} // namespace tc::core
