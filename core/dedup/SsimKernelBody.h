// The lane kernel of SsimKernel.h, written once over 16-lane operations. Included (no include guard
// on purpose) once per instruction set, inside a namespace that defines TC_SSIM_TARGET (the target
// attribute of that path) and a struct Ops with:
//   I, F                     16 int32 / 16 float lanes
//   zeroI, zeroF, loadI, storeI, loadF, storeF, bcastI, bcastF, addI, subI, mulII, mulI (lanes * one int32),
//   cvt (int32 -> float, round to nearest), addF, mulF, divF,
//   dot2(acc, pairs, x)      acc + pairs[2l] * lo16(x) + pairs[2l+1] * hi16(x) per lane l (int32, exact)
//   square2(acc, pairs, neg) acc + pairs[2l]^2 +- pairs[2l+1]^2 (minus when neg)
//   addTotals(double t[16], F v)  t[l] += v[l]
// Every path performs the same IEEE float operations in the same order, so the paths agree bit for bit:
// no float product feeds a sum (only divisions and other products), so no compiler can contract one
// into a fused multiply-add on one path and not on another.

// The multipliers of the running sums of x and x^2 (as dot2's x): (1, 1) filling, (1, -1) sliding.
inline constexpr std::int32_t kFillOnes = 0x00010001;
inline constexpr std::int32_t kSlideOnes = std::int32_t(0xFFFF0001u);

TC_SSIM_TARGET inline void blockStatistics(SsimLaneBlock &b)
{
    using I = Ops::I;
    using F = Ops::F;
    const F c1 = Ops::bcastF(kSsimC1TwiceHalf), c2h = Ops::bcastF(kSsimC2Half);
    for (int ch = 0; ch < 3; ++ch) {
        alignas(64) std::int32_t col[32][kSsimLanes], colSq[32][kSsimLanes];
        for (int c = 0; c < 32; ++c) {
            I s = Ops::zeroI(), q = Ops::zeroI();
            for (int step = 0; step < 4; ++step) {
                s = Ops::dot2(s, b.steps[ch][step][c][0], kFillOnes);
                q = Ops::square2(q, b.steps[ch][step][c][0], false);
            }
            Ops::storeI(col[c], s);
            Ops::storeI(colSq[c], q);
        }
        for (int r0 = 0; r0 < kSsimGrid; ++r0) {
            if (r0 > 0)
                for (int c = 0; c < 32; ++c) {
                    const std::int16_t *y = b.steps[ch][3 + r0][c][0];
                    Ops::storeI(col[c], Ops::dot2(Ops::loadI(col[c]), y, kSlideOnes));
                    Ops::storeI(colSq[c], Ops::square2(Ops::loadI(colSq[c]), y, true));
                }
            I s = Ops::loadI(col[0]), q = Ops::loadI(colSq[0]);
            for (int c = 1; c < 7; ++c) {
                s = Ops::addI(s, Ops::loadI(col[c]));
                q = Ops::addI(q, Ops::loadI(colSq[c]));
            }
            for (int c0 = 0; c0 < kSsimGrid; ++c0) {
                if (c0 > 0) {
                    s = Ops::addI(s, Ops::subI(Ops::loadI(col[c0 + 6]), Ops::loadI(col[c0 - 1])));
                    q = Ops::addI(q, Ops::subI(Ops::loadI(colSq[c0 + 6]), Ops::loadI(colSq[c0 - 1])));
                }
                const int p = r0 * kSsimGrid + c0;
                const I s2 = Ops::mulII(s, s); // <= (49 * 255)^2 < 2^31, and 49 q - s^2 likewise
                // (Sy, Sy) as an int16 pair: s * 0x10001 (s < 2^15).
                Ops::storeI(reinterpret_cast<std::int32_t *>(b.sum[ch][p][0]), Ops::mulI(s, 0x00010001));
                Ops::storeF(b.den1[ch][p], Ops::addF(Ops::cvt(Ops::addI(s2, s2)), c1));
                Ops::storeF(b.den2[ch][p], Ops::addF(Ops::cvt(Ops::subI(Ops::mulI(q, 49), s2)), c2h));
            }
        }
    }
}

// The row's per-position data, its pointers set once per row (they index without further arithmetic).
struct RowData {
    const std::int16_t *ySum;
    const float *yDen1, *yDen2;
    const std::int32_t *xNegSum2, *xSum2;
    const float *xDen1, *xDen2;
};

// SSIM's term of one window as a fraction (num / den are the two factors' products).
struct Term {
    Ops::F num, den;
};

// The term of window c0 of the row; s is 98 * sum(x*y) over that window.
TC_SSIM_TARGET __attribute__((always_inline)) inline Term windowTerm(const RowData &d, int c0, Ops::I s, Ops::I c1,
                                                                     Ops::F c2)
{
    using I = Ops::I;
    using F = Ops::F;
    // y holds (Sy, Sy): 98 Sxy - 2 Sx Sy in one step with x = (-2 Sx, 0), and the luminance
    // numerator 4 Sx Sy + 2 C1' in another with x = (2 Sx, 2 Sx), its constant already in c1.
    const std::int16_t *y = d.ySum + c0 * kSsimLanes * 2;
    const I t = Ops::dot2(s, y, d.xNegSum2[c0]);
    const F a = Ops::cvt(Ops::dot2(c1, y, d.xSum2[c0])); // 4 Sx Sy + 2 C1'
    const F v = Ops::addF(Ops::cvt(t), c2);              // 98 Sxy - 2 Sx Sy + C2' = (2 cov_xy + C2) scaled
    return {Ops::mulF(a, v), Ops::mulF(Ops::addF(Ops::loadF(d.yDen1 + c0 * kSsimLanes), Ops::bcastF(d.xDen1[c0])),
                                       Ops::addF(Ops::loadF(d.yDen2 + c0 * kSsimLanes), Ops::bcastF(d.xDen2[c0])))};
}

// Two windows' terms added with one division, n0 / d0 + n1 / d1 = (n0 d1 + n1 d0) / (d0 d1): the
// division was the kernel's slowest instruction. Range: |n|, d < 5e16, so every product < 3e33
// stays a normal float; each operation rounds once, as before, so the sum keeps ~1e-7.
TC_SSIM_TARGET __attribute__((always_inline)) inline Ops::F pairTerm(const Term &w0, const Term &w1)
{
    return Ops::divF(Ops::addF(Ops::mulF(w0.num, w1.den), Ops::mulF(w1.num, w0.den)), Ops::mulF(w0.den, w1.den));
}

// Window c0 > 0 of a row: its new column moves down a row, then the window (98 * sum(x*y), s)
// slides onto it.
TC_SSIM_TARGET __attribute__((always_inline)) inline Ops::I slideWindow(std::int32_t (*col)[kSsimLanes],
                                                                        const std::int16_t (*ys)[kSsimLanes][2],
                                                                        const std::int32_t *xsteps, int c0, Ops::I s)
{
    const Ops::I in = Ops::dot2(Ops::loadI(col[c0 + 6]), ys[c0 + 6][0], xsteps[c0 + 6]);
    Ops::storeI(col[c0 + 6], in);
    return Ops::addI(s, Ops::subI(in, Ops::loadI(col[c0 - 1])));
}

// x multipliers of a step that changes nothing (row 0's windows need no column to move).
alignas(64) inline constexpr std::int32_t kNoStep[32] = {};

// SSIM of count (<= kSsimInFlight) singles against the block: row by row, each row's block data
// serving every single while it is in L1.
TC_SSIM_TARGET inline void againstBlock(const SsimSingle *const *xs, int count, const SsimLaneBlock &b, float *out)
{
    using I = Ops::I;
    using F = Ops::F;
    alignas(64) std::int32_t col[kSsimInFlight][32][kSsimLanes]; // 98 * running column sums of x*y
    alignas(64) double total[kSsimInFlight][kSsimLanes] = {};
    const I c1 = Ops::bcastI(kSsimC1TwiceInt);
    const F c2 = Ops::bcastF(kSsimC2Scaled);
    for (int ch = 0; ch < 3; ++ch) {
        for (int j = 0; j < count; ++j)
            for (int c = 0; c < 32; ++c) {
                I acc = Ops::zeroI();
                for (int step = 0; step < 4; ++step)
                    acc = Ops::dot2(acc, b.steps[ch][step][c][0], xs[j]->steps[ch][step][c]);
                Ops::storeI(col[j][c], acc);
            }
        for (int r0 = 0; r0 < kSsimGrid; ++r0) {
            for (int j = 0; j < count; ++j) {
                const SsimSingle &x = *xs[j];
                auto &cj = col[j];
                // Row step 3 + r0 moves every column down one row: the first window's 7 columns now,
                // the others in the loop just before their window needs them (still in a register).
                const std::int16_t(*ys)[kSsimLanes][2] = b.steps[ch][r0 > 0 ? 3 + r0 : 0];
                const std::int32_t *xsteps = r0 > 0 ? x.steps[ch][3 + r0] : kNoStep;
                for (int c = 0; c < 7; ++c)
                    Ops::storeI(cj[c], Ops::dot2(Ops::loadI(cj[c]), ys[c][0], xsteps[c]));
                I s = Ops::loadI(cj[0]);
                for (int c = 1; c < 7; ++c)
                    s = Ops::addI(s, Ops::loadI(cj[c]));
                const int p = r0 * kSsimGrid;
                const RowData d{b.sum[ch][p][0], b.den1[ch][p],  b.den2[ch][p], x.negSum2[ch] + p,
                                x.sum2[ch] + p,  x.den1[ch] + p, x.den2[ch] + p};
                static_assert(kSsimGrid % 2 == 0, "windows are added in pairs");
                F rowSum = Ops::zeroF();
                Term even = windowTerm(d, 0, s, c1, c2);
                for (int c0 = 1;; c0 += 2) {
                    s = slideWindow(cj, ys, xsteps, c0, s);
                    rowSum = Ops::addF(rowSum, pairTerm(even, windowTerm(d, c0, s, c1, c2)));
                    if (c0 + 1 == kSsimGrid)
                        break;
                    s = slideWindow(cj, ys, xsteps, c0 + 1, s);
                    even = windowTerm(d, c0 + 1, s, c1, c2);
                }
                // A row of 26 terms in float, rows added in double: the mean stays accurate to ~1e-7.
                Ops::addTotals(total[j], rowSum);
            }
        }
    }
    for (int j = 0; j < count; ++j)
        for (int l = 0; l < kSsimLanes; ++l)
            out[j * kSsimLanes + l] = float(total[j][l] / (3.0 * kSsimPositions));
}
