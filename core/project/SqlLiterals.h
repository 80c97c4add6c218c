#pragma once

#include "core/project/DedupTypes.h"
#include "core/project/ProjectTypes.h"

#include <QString>

namespace tc::core {

// The one place where the project's enums become SQL literals: every query in core/project that
// compares a stored verdict, pair status or reference role spells the value through these
// ("s.verdict = " + sqlLiteral(Verdict::Accept)), never as a bare number or string, so a reader
// sees which value is meant and a renumbering cannot leave a query behind. The values are the
// schema's (docs/ARCHITECTURE.md): decisions.verdict 1 accept, 2 reject, 3 unsure, 0 undo;
// near_pairs.status 0 unreviewed, 1 duplicate, 2 distinct; reference_sets.role 'exclude' / 'avoid'.
QString sqlLiteral(Verdict verdict);
QString sqlLiteral(PairStatus status);
QString sqlLiteral(ReferenceRole role);

// A condition on table `decisions` (unaliased): the decision is effective, i.e. it is not an undo entry
// (verdict None) and no undo entry cancels it. The one definition DecisionLog and Project's readers share.
QString sqlEffectiveDecision();

} // namespace tc::core
