#include "ui/PairDetails.h"

namespace tc::ui {

namespace {
QString orDash(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("\u2014") : s.toHtmlEscaped();
}
} // namespace

PairDetails::PairDetails(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::RichText);
    setAlignment(Qt::AlignHCenter | Qt::AlignTop);
}

QColor PairDetails::statusColor(PairStatus s)
{
    if (s == PairStatus::Duplicate)
        return QColor(200, 50, 40);
    if (s == PairStatus::Distinct)
        return QColor(40, 160, 60);
    return {};
}

void PairDetails::setCard(const PairCard &c)
{
    const bool avoid = c.setRole == QLatin1String("avoid");
    const QString status = c.status == PairStatus::Duplicate  ? (avoid ? tr("duplicate (used last in export)")
                                                                       : tr("duplicate (excluded from export)"))
                           : c.status == PairStatus::Distinct ? tr("distinct (kept)")
                                                              : tr("not reviewed");
    const QString tiny = c.tinyIndex >= 0 ? tr("Tiny Images #%1").arg(c.tinyIndex) : QString();
    setText(tr("<table cellspacing=4><tr><td></td><th>Candidate</th><th>Reference</th></tr>"
               "<tr><td>Class</td><td>%1</td><td>%2</td></tr>"
               "<tr><td>Keyword</td><td>%3</td><td>%4</td></tr>"
               "<tr><td>Index</td><td>%5</td><td>%6 #%7 (%8)</td></tr></table>"
               "<p><b>SSIM %9 &nbsp; L2 %10</b> &nbsp; %11</p>")
                .arg(orDash(c.candidateClass), orDash(c.referenceClass), orDash(c.candidateKeyword),
                     orDash(c.referenceKeyword), orDash(tiny), c.setName.toHtmlEscaped())
                .arg(c.refIndex)
                .arg(c.setRole.toHtmlEscaped())
                .arg(c.ssim, 0, 'f', 4)
                .arg(c.l2, 0, 'f', 1)
                .arg(status));
}

} // namespace tc::ui
