#pragma once

#include <QString>

namespace tc::core {

// How every list of the review pane names a candidate: "Tiny #1234567" (its Tiny Images index) or, for a
// folder import, its file name; "candidate <id>" only when neither is known. The candidate id is internal
// and means nothing to a curator.
QString candidateName(qint64 tinyIndex, const QString &filename, qint64 candidateId);

} // namespace tc::core
