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
//   .json: an object {"class": "superclass" | null, ...}; null or "" clears;
//   else CSV: one "class,superclass" pair per line, an optional "class,superclass" header, fields
//   optionally double-quoted (RFC 4180, "" for a quote); an empty superclass clears.
// The input is hostile: size-capped, every malformed line is an error naming the file (and line).
// Names are not checked against a project here; Project::setSuperclasses() does that.
class SuperclassMap final {
public:
    static constexpr qint64 kMaxBytes = 16 * 1024 * 1024; // a class map is a few kB; refuse anything absurd

    // Reads path (JSON when its suffix is .json, else CSV) into *map. False with *error.
    static bool read(const QString &path, QHash<QString, QString> *map, QString *error);
    // path only names the source in errors.
    static bool parseJson(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map, QString *error);
    static bool parseCsv(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map, QString *error);

    // The classes (names, in the given order) that have no superclass while others have one: what
    // makes the superclasses unusable for an export (Project::superclassProblem()). Empty when no
    // class or every class has one. Pure, so the GUI can judge edits it has not written yet.
    static QStringList missing(const QList<ClassInfo> &classes);
};

} // namespace tc::core
