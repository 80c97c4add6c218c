#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace tc::core {

// A keyword catalog: which Tiny Images keywords a CIFAR-style query uses for each class, and how
// many images each keyword contributed (the proportions a new dataset should keep).
//  - CIFAR-10.1 keyword_counts_v6/v7.json: {"class": {"keyword": count, ...}, ...}
//  - keyword_counts_v4.json: a flat {"keyword": count} map (isFlat(): one class with an empty name)
//  - a class may instead be {"superclass": "...", "keywords": {"keyword": count, ...}} (a CIFAR-100
//    superclass, see core/project/CatalogJson.h)
// Classes and keywords keep the file's order.
//
// This is THE catalog parser: `inspect`, `new` and the GUI (through core/project/CatalogJson) read
// every catalog here, with one set of rules, so a file one of them accepts the others accept too:
//  - strict JSON (StrictJson): a key twice in one object is refused, naming it (JSON parsers
//    disagree on which one wins); a UTF-8 byte order mark is accepted;
//  - a count is an integer in [0, kMaxCount] (2.5, -1, 1e300 and 2^63 are refused: a count is
//    summed into quotas and must not overflow or be rounded);
//  - class, keyword and superclass names are trimmed, non-empty and free of control characters
//    (nameProblem()), so a name can never break a line of batches.meta.txt or a CSV; two keys that
//    are equal once trimmed are duplicates;
//  - at most kMaxBytes of input; parsing is linear in the input (200,000 keywords: BENCHMARKS.md).
class KeywordCatalog final {
public:
    static constexpr qint64 kMaxBytes = 64 << 20;
    static constexpr qint64 kMaxCount = 2147483647; // 2^31 - 1

    struct Keyword {
        QString keyword;
        qint64 count = 0;
        bool operator==(const Keyword &) const = default;
    };
    struct Class {
        QString name;
        QList<Keyword> keywords;
        QString superclass{}; // {"class": {"superclass": "...", "keywords": {...}}}; empty: none
        qint64 total() const;
    };

    bool load(const QString &path);
    // sourceName names the data in error messages (a path, or e.g. "<embedded catalog>").
    bool loadFromData(const QByteArray &json, const QString &sourceName);
    QString errorString() const { return m_error; }
    QString sourceName() const { return m_source; }

    bool isFlat() const { return m_flat; }
    bool isEmpty() const { return m_classes.isEmpty(); }
    const QList<Class> &classes() const { return m_classes; }
    QStringList classNames() const;
    int classIndex(const QString &className) const; // position of the class in the file, -1 if absent
    QList<Keyword> keywords(const QString &className) const;
    qint64 total(const QString &className) const;
    qint64 count(const QString &className, const QString &keyword) const; // 0 if absent
    // The first class (in file order) listing keyword; empty if none (or the flat catalog's "").
    QString classOf(const QString &keyword) const;
    qsizetype keywordCount() const; // over all classes
    qint64 grandTotal() const;

    // Why name cannot be a class, keyword or superclass name (empty, a control character, a line
    // separator), or empty when it can. name is expected trimmed. The one rule for names, also used
    // by folder imports and superclass maps.
    static QString nameProblem(QStringView name);

private:
    bool fail(const QString &problem);
    void clear();

    QString m_error;
    QString m_source;
    bool m_flat = false;
    QList<Class> m_classes;
    QHash<QString, int> m_classIndex;
};

} // namespace tc::core
