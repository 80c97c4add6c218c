#include "core/dedup/RemovalRule.h"

#include <algorithm>

namespace tc::core {

void RemovalCounts::add(Removal removal)
{
    switch (removal) {
    case Removal::ExcludeExact:
        ++excludeExact;
        break;
    case Removal::MarkedDuplicate:
        ++markedDuplicate;
        break;
    case Removal::UnreviewedAbove:
        ++unreviewedAbove;
        break;
    case Removal::InternalCopy:
        ++internalExact;
        break;
    case Removal::None:
        break;
    }
}

RemovalRule::RemovalRule(bool unreviewedAboveIsDuplicate, qsizetype groupCount)
    : m_unreviewedAboveIsDuplicate(unreviewedAboveIsDuplicate), m_groupKept(size_t(std::max<qsizetype>(0, groupCount)))
{}

Removal RemovalRule::removalOf(const ExcludeFacts &facts) const
{
    if (facts.exactCopy)
        return Removal::ExcludeExact;
    if (facts.markedDuplicate)
        return Removal::MarkedDuplicate;
    if (facts.unreviewedAbove && m_unreviewedAboveIsDuplicate)
        return Removal::UnreviewedAbove;
    return Removal::None;
}

Removal RemovalRule::next(const ExcludeFacts &facts, qsizetype group)
{
    Removal r = removalOf(facts);
    if (r == Removal::None && group >= 0) {
        if (size_t(group) >= m_groupKept.size())
            m_groupKept.resize(size_t(group) + 1);
        // The first survivor of a group stays; later copies of the same bytes go.
        if (m_groupKept[size_t(group)])
            r = Removal::InternalCopy;
        else
            m_groupKept[size_t(group)] = true;
    }
    m_counts.add(r);
    return r;
}

} // namespace tc::core
