#pragma once

#include <QtGlobal>
#include <algorithm>
#include <limits>
#include <span>
#include <vector>

namespace tc::core {

// One reference image found for a candidate: its index in the reference set and the measure
// (L2 distance, SSIM or an internal score, as the owner documents).
struct Neighbor {
    qint32 index = -1;
    float value = 0;
};

// A running "best K" list that keeps the K smallest values seen, unsorted while it fills.
// Cheap rejection (one compare against worst()) is what makes streaming millions of scores fast.
class SmallestK final {
public:
    SmallestK(Neighbor *out, int k) : m_slots(out), m_k(k) {}

    float worst() const { return m_size < m_k ? std::numeric_limits<float>::infinity() : m_worstValue; }
    void offer(qint32 index, float value)
    {
        if (m_size < m_k) {
            m_slots[m_size++] = {index, value};
            if (m_size == m_k)
                findWorst();
            return;
        }
        if (!(value < m_worstValue))
            return;
        m_slots[m_worstPos] = {index, value};
        findWorst();
    }
    int size() const { return m_size; }
    // Sorts ascending by value, then by index (deterministic ties); unfilled slots get index -1.
    void finish()
    {
        std::sort(m_slots, m_slots + m_size, [](const Neighbor &a, const Neighbor &b) {
            return a.value < b.value || (a.value == b.value && a.index < b.index);
        });
        for (int i = m_size; i < m_k; ++i)
            m_slots[i] = Neighbor{};
    }

private:
    void findWorst()
    {
        m_worstPos = 0;
        for (int i = 1; i < m_k; ++i)
            if (m_slots[i].value > m_slots[m_worstPos].value)
                m_worstPos = i;
        m_worstValue = m_slots[m_worstPos].value;
    }

    Neighbor *m_slots;
    int m_k;
    int m_size = 0;
    int m_worstPos = 0;
    float m_worstValue = 0;
};

} // namespace tc::core
