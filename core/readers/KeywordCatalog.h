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
// Classes and keywords keep the file's order (QJsonObject would sort them): the class order is the
// label order (airplane..truck in the CIFAR-10 files).
class KeywordCatalog final {
public:
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
    int classIndex(const QString &className) const; // label of the class, -1 if absent
    QList<Keyword> keywords(const QString &className) const;
    qint64 total(const QString &className) const;
    qint64 count(const QString &className, const QString &keyword) const; // 0 if absent
    // The first class (in file order) listing keyword; empty if none (or the flat catalog's "").
    QString classOf(const QString &keyword) const;
    qsizetype keywordCount() const; // over all classes
    qint64 grandTotal() const;

private:
    bool fail(const QString &problem);
    void clear();

    QString m_error;
    QString m_source;
    bool m_flat = false;
    QList<Class> m_classes;
};

} // namespace tc::core
