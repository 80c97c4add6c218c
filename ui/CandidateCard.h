#pragma once

#include "core/project/ProjectTypes.h"

#include <QDateTime>
#include <QImage>
#include <QString>

namespace tc::ui {

// What single mode shows about one candidate; filled by VerifySession from core, so the view holds no
// project knowledge at all.
struct CandidateCard {
    qint64 candidateId = -1;
    QImage image;
    QString className;
    QString keyword;
    QString source;                              // "Tiny Images #123456" or the file path of a folder import
    core::Verdict verdict = core::Verdict::None; // this annotator's current verdict
    QString decidedBy;                           // who recorded it, when and in which view (empty: undecided)
    QDateTime decidedAt;
    QString decidedIn;
    core::Verdict finalVerdict = core::Verdict::None; // what counts for quotas and export (core's accept rule)
    qint64 position = -1; // 1-based position in the filtered queue; 0 outside it; -1 not known yet
    qint64 queueSize = 0;
    qint64 keywordAccepted = 0;
    qint64 keywordQuota = 0;
    qint64 classAccepted = 0;
    qint64 classTarget = 0;
};

} // namespace tc::ui
