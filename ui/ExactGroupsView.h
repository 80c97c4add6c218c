#pragma once

#include <QTreeView>
#include <memory>

class QIdentityProxyModel;

namespace tc::core {
class ExactGroupModel;
}

namespace tc::ui {

// Byte-identical images as groups (core::ExactGroupModel): each group a top-level row saying what export
// does with it (copies of an exclude image: all removed, never reviewed; identical candidates: one kept),
// its members below with a thumbnail framed green (kept), red (removed) or grey (a reference image) and
// their names as the pair list writes them (Tiny index or file). Rows load as the view scrolls.
class ExactGroupsView final : public QTreeView {
    Q_OBJECT
public:
    explicit ExactGroupsView(QWidget *parent = nullptr);
    ~ExactGroupsView() override;

    // nullptr: empty. Not owned; the view shows it through its own proxy (words and thumbnails).
    void setGroups(core::ExactGroupModel *groups);
    core::ExactGroupModel *groups() const { return m_groups; }
    int groupCount() const; // groups in the model, fetched or not

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void expandFirstGroups();

    core::ExactGroupModel *m_groups = nullptr;
    std::unique_ptr<QIdentityProxyModel> m_look;
};

} // namespace tc::ui
