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
    setWordWrap(true);
}

QColor PairDetails::statusColor(PairStatus s)
{
    if (s == PairStatus::Duplicate)
        return QColor(200, 50, 40);
    if (s == PairStatus::Distinct)
        return QColor(40, 160, 60);
    return {};
}

QString PairDetails::outcomeText(core::Removal outcome)
{
    switch (outcome) {
    case core::Removal::ExcludeExact:
        return tr("removed from export: an exact copy of an exclude-set image");
    case core::Removal::MarkedDuplicate:
        return tr("removed from export: a pair with an exclude set is marked duplicate");
    case core::Removal::UnreviewedAbove:
        return tr("removed from export until reviewed: an unreviewed pair with an exclude set is above the "
                  "thresholds");
    case core::Removal::InternalCopy:
        return tr("removed from export: identical to another candidate, which is kept");
    case core::Removal::None:
        break;
    }
    return tr("kept in export");
}

QString PairDetails::statusText(PairStatus status, const QString &setRole)
{
    switch (status) {
    case PairStatus::Duplicate:
        return setRole == QLatin1String("avoid") ? tr("marked duplicate (avoid set: the candidate is used last)")
                                                 : tr("marked duplicate");
    case PairStatus::Distinct:
        return tr("marked distinct (this pair does not remove the candidate)");
    case PairStatus::Unreviewed:
        break;
    }
    return tr("not reviewed");
}

QString PairDetails::roleText(const QString &setRole)
{
    if (setRole == QLatin1String("exclude"))
        return tr("exclude", "reference set role: matches are removed");
    if (setRole == QLatin1String("avoid"))
        return tr("avoid", "reference set role: matches are used last");
    return setRole;
}

QString PairDetails::alignmentText(const core::PairTransform &t)
{
    // Only when it matters: a pair measured as it is needs no words.
    return t.isIdentity() ? QString()
                          : tr("Scored where it lines up: the candidate matches the reference %1").arg(t.describe());
}

void PairDetails::setCard(const PairCard &c)
{
    setText(tr("<table cellspacing=4><tr><td></td><th>Candidate</th><th>Reference</th></tr>"
               "<tr><td>Class</td><td>%1</td><td>%2</td></tr>"
               "<tr><td>Keyword</td><td>%3</td><td>%4</td></tr>"
               "<tr><td>Image</td><td>%5</td><td>%6 #%7 (%8)</td></tr></table>"
               "<p><b>SSIM %9 &nbsp; L2 %10</b> &nbsp; pair %11<br>Candidate %12</p>%13")
                .arg(orDash(c.candidateClass), orDash(c.referenceClass), orDash(c.candidateKeyword),
                     orDash(c.referenceKeyword), orDash(c.candidateName), c.setName.toHtmlEscaped())
                .arg(c.refIndex)
                .arg(roleText(c.setRole).toHtmlEscaped())
                .arg(c.ssim, 0, 'f', 4)
                .arg(c.l2, 0, 'f', 1)
                .arg(statusText(c.status, c.setRole).toHtmlEscaped(), outcomeText(c.outcome).toHtmlEscaped(),
                     c.transform.isIdentity()
                         ? QString()
                         : QStringLiteral("<p>%1</p>").arg(alignmentText(c.transform).toHtmlEscaped())));
}

} // namespace tc::ui
