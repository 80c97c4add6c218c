#pragma once

#include "core/project/ProjectTypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace tc::core {

// A class -> superclass map read from a file, as `tinycurator-cli superclasses --file` and the GUI's
// superclasses dialog accept it (one parser, so both take exactly the same files):
//   .json: an object {"class": "superclass" | null, ...} (strict: a class twice is refused); null
//   or "" clears;
//   else CSV (core/common/Csv.h, RFC 4180): one "class,superclass" record per row, an optional
//   "class,superclass" header; an empty superclass clears.
// The input is hostile: a regular file, size-capped; every malformed row, a class listed twice and
// a superclass that breaks the name rule (KeywordCatalog::nameProblem: no control characters) is
// an error naming the file (and line). Class names are not checked against a project here;
// Project::setSuperclasses() does that.
class SuperclassMap final {
public:
    static constexpr qint64 kMaxBytes = 16 * 1024 * 1024; // a class map is a few kB; refuse anything absurd

    // Reads path (JSON when its suffix is .json, else CSV) into *map. False with errorString().
    bool read(const QString &path, QHash<QString, QString> *map);
    // path only names the source in errors.
    bool parseJson(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map);
    bool parseCsv(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map);
    // JSON when path ends in .json, or names no file with a suffix (standard input) and the bytes
    // start with '{'; CSV otherwise.
    bool parse(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map);
    QString errorString() const { return m_error; }

    // The classes (names, in the given order) that have no superclass while others have one: what
    // makes the superclasses unusable for an export (Project::superclassProblem()). Empty when no
    // class or every class has one. Pure, so the GUI can judge edits it has not written yet.
    static QStringList missing(const QList<ClassInfo> &classes);

private:
    bool checkSuperclass(const QString &super, const QString &where);
    bool fail(const QString &message);

    QString m_error;
};

} // namespace tc::core
