#pragma once

#include <QImage>
#include <QList>
#include <QTreeWidget>

namespace tc::ui {

// One image of an exact-duplicate group: a candidate or a reference image.
struct ExactMember {
    QImage image;
    QString text;      // "candidate 12 - airplane / airliner - Tiny Images #123" or "cifar10-test #45"
    bool kept = false; // the copy export keeps
    bool reference = false;
};

struct ExactGroup {
    QList<ExactMember> members;
    QString verdict; // e.g. "keeps candidate 12" or "removed: in cifar10-test (exclude)"
};

// Exact duplicates as groups: each group a top-level row saying what export does with it, its members
// below with a thumbnail and the kept copy marked, so a curator sees at once which copy survives.
class ExactGroupsView final : public QTreeWidget {
    Q_OBJECT
public:
    explicit ExactGroupsView(QWidget *parent = nullptr);
    void setGroups(const QList<ExactGroup> &groups);
    int groupCount() const { return topLevelItemCount(); }

private:
    static QIcon thumbnail(const QImage &image, const QColor &frame);
};

} // namespace tc::ui
