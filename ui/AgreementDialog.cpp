#include "ui/AgreementDialog.h"

#include "core/project/Project.h"
#include "ui/VerifySession.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace tc::ui {

namespace {

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTableWidgetItem *item(const QVariant &value)
{
    auto *cell = new QTableWidgetItem;
    cell->setData(Qt::DisplayRole, value);
    return cell;
}

QString kappaText(double kappa)
{
    // Kappa is undefined without shared decisions or when chance agreement is total: say so, not "nan".
    return std::isnan(kappa) ? AgreementDialog::tr("n/a") : QString::number(kappa, 'f', 3);
}

} // namespace

AgreementDialog::AgreementDialog(core::Project *project, QWidget *parent) : QDialog(parent), m_project(project)
{
    setWindowTitle(tr("Annotator Agreement"));
    m_a = new QComboBox(this);
    m_b = new QComboBox(this);
    const QStringList names = project->annotators();
    m_a->addItems(names);
    m_b->addItems(names);
    m_b->setCurrentIndex(names.size() > 1 ? 1 : 0);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_agreement = makeTable({tr("Class"), tr("Keyword"), tr("Shared"), tr("Agreed"), tr("Cohen's kappa")}, this);
    m_conflicts =
        makeTable({tr("Candidate"), tr("Tiny index"), tr("Class"), tr("Keyword"), tr("First"), tr("Second")}, this);
    auto *pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Compare"), this));
    pick->addWidget(m_a, 1);
    pick->addWidget(new QLabel(tr("with"), this));
    pick->addWidget(m_b, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_agreement);
    split->addWidget(m_conflicts);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pick);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_a, &QComboBox::currentIndexChanged, this, &AgreementDialog::refresh);
    connect(m_b, &QComboBox::currentIndexChanged, this, &AgreementDialog::refresh);
    resize(820, 640);
    refresh();
}

void AgreementDialog::setAnnotators(const QString &a, const QString &b)
{
    m_a->setCurrentText(a);
    m_b->setCurrentText(b);
    refresh();
}

void AgreementDialog::refresh()
{
    const QString a = m_a->currentText(), b = m_b->currentText();
    if (m_project->annotators().size() < 2 || a == b) {
        m_summary->setText(tr("Agreement needs two different annotators who decided some of the same candidates."));
        m_agreement->setRowCount(0);
        m_conflicts->setRowCount(0);
        return;
    }
    const auto rows = m_project->agreement(a, b);
    m_agreement->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const auto &g = rows[r];
        const bool overall = g.classId == 0 && g.keywordId == 0;
        m_agreement->setItem(r, 0, item(overall ? tr("(all classes)") : g.className));
        m_agreement->setItem(r, 1, item(g.keywordId == 0 ? tr("(all keywords)") : g.keyword));
        m_agreement->setItem(r, 2, item(g.shared));
        m_agreement->setItem(r, 3, item(g.agreed));
        m_agreement->setItem(r, 4, item(kappaText(g.kappa)));
    }
    const auto conflicts = m_project->conflicts(a, b);
    m_conflicts->setRowCount(int(conflicts.size()));
    for (int r = 0; r < conflicts.size(); ++r) {
        const auto &c = conflicts[r];
        m_conflicts->setItem(r, 0, item(c.candidateId));
        m_conflicts->setItem(r, 1, item(c.tinyIndex >= 0 ? QVariant(c.tinyIndex) : QVariant(QString())));
        m_conflicts->setItem(r, 2, item(c.className));
        m_conflicts->setItem(r, 3, item(c.keyword));
        m_conflicts->setItem(r, 4, item(VerifySession::verdictText(c.verdictA)));
        m_conflicts->setItem(r, 5, item(VerifySession::verdictText(c.verdictB)));
    }
    m_conflicts->setHorizontalHeaderLabels({tr("Candidate"), tr("Tiny index"), tr("Class"), tr("Keyword"), a, b});
    m_summary->setText(tr("%n conflict(s) to settle between %1 and %2.", nullptr, int(conflicts.size())).arg(a, b));
}

} // namespace tc::ui
