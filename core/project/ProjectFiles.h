#pragma once

#include <QString>

namespace tc::core {

// The file-system steps a project file goes through when it is created, copied or restored, in one
// place: SQLite's companion files, and putting a complete file under its final name.
class ProjectFiles final {
public:
    // Removes SQLite's companions of a database file (-wal, -shm, -journal). A -wal left beside a file
    // that is not its own would be replayed into it, so a file put under a name first clears them.
    static void removeCompanions(const QString &path);
    // Removes the file and its companions.
    static void remove(const QString &path);
    // Puts the complete file `from` under the name `to`, so `to` never exists half written. With
    // replace an existing `to` is replaced; without, `to` must not exist (a hard link, which never
    // replaces a file that appeared meanwhile; a checked rename where the file system has no hard
    // links) and targetExisted() tells that it did. Syncs the folder. False with errorString()
    // naming `to`.
    bool moveIntoPlace(const QString &from, const QString &to, bool replace);
    bool targetExisted() const { return m_targetExisted; }
    QString errorString() const { return m_error; }
    // Makes a rename or link in dir survive a power cut.
    static void syncFolder(const QString &dir);

private:
    QString m_error;
    bool m_targetExisted = false;
};

} // namespace tc::core
