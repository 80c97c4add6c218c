// The lane kernel of SsimKernel.h, written once over 16-lane operations. Included (no include guard
// on purpose) once per instruction set, inside a namespace that defines TC_SSIM_TARGET (the target
// attribute of that path) and a struct Ops with:
//   I, F                     16 int32 / 16 float lanes
//   zeroI, zeroF, loadI, storeI, loadF, storeF, bcastI, bcastF, addI, subI, mulII, mulI (lanes * one int32),
//   cvt (int32 -> float, round to nearest), addF, mulF, divF,
//   dot2(acc, pairs, x)      acc + pairs[2l] * lo16(x) + pairs[2l+1] * hi16(x) per lane l (int32, exact)
//   dot2v(acc, pairs, x)     the same with the pairs already in a register
//   pin(v)                   keeps a loaded value in a register (a no-op where kShare is 1)
//   kShare                   singles one pass over a block row serves (registers permitting)
//   kLumFromCross            whether the luminance numerator comes from the cross term's step
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

// One single's per-position data of the row, its pointers set once per row (they index without
// further arithmetic).
struct XRow {
    const std::int32_t *negSum2, *sum2;
    const float *den1, *den2;
};

// The block's data of one window. Where several singles share it (Ops::kShare > 1) it is loaded
// once into registers and pinned there (left to itself, gcc folds the load into every use, and the
// kernel is bound by its loads); the paths with 16 registers read it where it is used instead.
struct YWindow {
    const std::int32_t *sumAt; // (Sy, Sy) int16 pairs
    const float *den1At, *den2At;
    Ops::I sum;
    Ops::F den1, den2;
};

TC_SSIM_TARGET __attribute__((always_inline)) inline YWindow yWindow(const SsimLaneBlock &b, int ch, int p)
{
    YWindow y{reinterpret_cast<const std::int32_t *>(b.sum[ch][p][0]), b.den1[ch][p], b.den2[ch][p], {}, {}, {}};
    if constexpr (Ops::kShare > 1) {
        y.sum = Ops::loadI(y.sumAt);
        y.den1 = Ops::loadF(y.den1At);
        y.den2 = Ops::loadF(y.den2At);
        Ops::pin(y.sum);
        Ops::pin(y.den1);
        Ops::pin(y.den2);
    }
    return y;
}
TC_SSIM_TARGET __attribute__((always_inline)) inline Ops::I ySum(const YWindow &y)
{
    if constexpr (Ops::kShare > 1)
        return y.sum;
    return Ops::loadI(y.sumAt);
}
TC_SSIM_TARGET __attribute__((always_inline)) inline Ops::F yDen1(const YWindow &y)
{
    if constexpr (Ops::kShare > 1)
        return y.den1;
    return Ops::loadF(y.den1At);
}
TC_SSIM_TARGET __attribute__((always_inline)) inline Ops::F yDen2(const YWindow &y)
{
    if constexpr (Ops::kShare > 1)
        return y.den2;
    return Ops::loadF(y.den2At);
}

// SSIM's term of one window as a fraction (num / den are the two factors' products).
struct Term {
    Ops::F num, den;
};

// The term of window c0 of the row; s is 98 * sum(x*y) over that window.
TC_SSIM_TARGET __attribute__((always_inline)) inline Term windowTerm(const XRow &x, const YWindow &y, int c0, Ops::I s,
                                                                     Ops::I c1, Ops::F c2)
{
    using I = Ops::I;
    using F = Ops::F;
    // y holds (Sy, Sy): 98 Sxy - 2 Sx Sy in one step with x = (-2 Sx, 0).
    const I t = Ops::dot2v(s, ySum(y), x.negSum2[c0]);
    // The luminance numerator 4 Sx Sy + 2 C1', the same integer either way: from t (s - t = 2 Sx Sy,
    // three integer additions instead of a product and a broadcast load, where the kernel is bound by
    // its loads) or by its own vpmaddwd with x = (2 Sx, 2 Sx) and c1 as the accumulator.
    I lum;
    if constexpr (Ops::kLumFromCross) {
        const I sxsy2 = Ops::subI(s, t);
        lum = Ops::addI(c1, Ops::addI(sxsy2, sxsy2));
    } else {
        lum = Ops::dot2v(c1, ySum(y), x.sum2[c0]);
    }
    const F a = Ops::cvt(lum);
    const F v = Ops::addF(Ops::cvt(t), c2); // 98 Sxy - 2 Sx Sy + C2' = (2 cov_xy + C2) scaled
    return {Ops::mulF(a, v),
            Ops::mulF(Ops::addF(yDen1(y), Ops::bcastF(x.den1[c0])), Ops::addF(yDen2(y), Ops::bcastF(x.den2[c0])))};
}

// Two windows' terms added with one division, n0 / d0 + n1 / d1 = (n0 d1 + n1 d0) / (d0 d1): the
// division was the kernel's slowest instruction. Range: |n|, d < 5e16, so every product < 3e33
// stays a normal float; each operation rounds once, as before, so the sum keeps ~1e-7.
TC_SSIM_TARGET __attribute__((always_inline)) inline Ops::F pairTerm(const Term &w0, const Term &w1)
{
    return Ops::divF(Ops::addF(Ops::mulF(w0.num, w1.den), Ops::mulF(w1.num, w0.den)), Ops::mulF(w0.den, w1.den));
}

// Window c0 > 0 of a row: its new column moves down a row (ys: the block's pairs of that column),
// then the window (98 * sum(x*y), s) slides onto it.
TC_SSIM_TARGET __attribute__((always_inline)) inline Ops::I slideWindow(std::int32_t (*col)[kSsimLanes], Ops::I ys,
                                                                        const std::int32_t *xsteps, int c0, Ops::I s)
{
    const Ops::I in = Ops::dot2v(Ops::loadI(col[c0 + 6]), ys, xsteps[c0 + 6]);
    Ops::storeI(col[c0 + 6], in);
    return Ops::addI(s, Ops::subI(in, Ops::loadI(col[c0 - 1])));
}

// x multipliers of a step that changes nothing (row 0's windows need no column to move).
alignas(64) inline constexpr std::int32_t kNoStep[32] = {};

// Window row r0 of channel ch for N singles at once: each of the block's loads serves all N (the
// kernel is bound by its loads as much as by its arithmetic). Every single's operations are the
// same as with N = 1, in the same order, so N changes no bit of the result.
template <int N>
TC_SSIM_TARGET __attribute__((always_inline)) inline void
rowTerms(const SsimSingle *const *xs, std::int32_t (*const *cols)[kSsimLanes], double *const *totals,
         const SsimLaneBlock &b, int ch, int r0, Ops::I c1, Ops::F c2)
{
    using I = Ops::I;
    using F = Ops::F;
    // Row step 3 + r0 moves every column down one row: the first window's 7 columns now, the
    // others in the loop just before their window needs them (still in a register).
    const std::int16_t(*ys)[kSsimLanes][2] = b.steps[ch][r0 > 0 ? 3 + r0 : 0];
    const int p = r0 * kSsimGrid;
    // Locals, not read through the caller's arrays: every store of a column may alias those (the
    // stores are may_alias), so gcc would read each pointer again after each store.
    std::int32_t(*col[N])[kSsimLanes];
    const std::int32_t *xsteps[N];
    XRow x[N];
    I s[N];
    F rowSum[N];
    Term even[N];
    for (int c = 0; c < 7; ++c) {
        const I y = Ops::loadI(reinterpret_cast<const std::int32_t *>(ys[c][0]));
        for (int k = 0; k < N; ++k) {
            if (c == 0) {
                col[k] = cols[k];
                xsteps[k] = r0 > 0 ? xs[k]->steps[ch][3 + r0] : kNoStep;
            }
            Ops::storeI(col[k][c], Ops::dot2v(Ops::loadI(col[k][c]), y, xsteps[k][c]));
        }
    }
    {
        const YWindow y = yWindow(b, ch, p);
        for (int k = 0; k < N; ++k) {
            s[k] = Ops::loadI(col[k][0]);
            for (int c = 1; c < 7; ++c)
                s[k] = Ops::addI(s[k], Ops::loadI(col[k][c]));
            x[k] = {xs[k]->negSum2[ch] + p, xs[k]->sum2[ch] + p, xs[k]->den1[ch] + p, xs[k]->den2[ch] + p};
            rowSum[k] = Ops::zeroF();
            even[k] = windowTerm(x[k], y, 0, s[k], c1, c2);
        }
    }
    static_assert(kSsimGrid % 2 == 0, "windows are added in pairs");
    for (int c0 = 1;; c0 += 2) {
        {
            I yc = Ops::loadI(reinterpret_cast<const std::int32_t *>(ys[c0 + 6][0]));
            Ops::pin(yc);
            const YWindow y = yWindow(b, ch, p + c0);
            for (int k = 0; k < N; ++k) {
                s[k] = slideWindow(col[k], yc, xsteps[k], c0, s[k]);
                rowSum[k] = Ops::addF(rowSum[k], pairTerm(even[k], windowTerm(x[k], y, c0, s[k], c1, c2)));
            }
        }
        if (c0 + 1 == kSsimGrid)
            break;
        I yc = Ops::loadI(reinterpret_cast<const std::int32_t *>(ys[c0 + 7][0]));
        Ops::pin(yc);
        const YWindow y = yWindow(b, ch, p + c0 + 1);
        for (int k = 0; k < N; ++k) {
            s[k] = slideWindow(col[k], yc, xsteps[k], c0 + 1, s[k]);
            even[k] = windowTerm(x[k], y, c0 + 1, s[k], c1, c2);
        }
    }
    // A row of 26 terms in float, rows added in double: the mean stays accurate to ~1e-7.
    for (int k = 0; k < N; ++k)
        Ops::addTotals(totals[k], rowSum[k]);
}

// SSIM of count (<= kSsimInFlight) singles against the block: row by row, each row's block data
// serving every single while it is in L1, Ops::kShare singles at a time from registers.
TC_SSIM_TARGET inline void againstBlock(const SsimSingle *const *xs, int count, const SsimLaneBlock &b, float *out)
{
    using I = Ops::I;
    using F = Ops::F;
    alignas(64) std::int32_t col[kSsimInFlight][32][kSsimLanes]; // 98 * running column sums of x*y
    alignas(64) double total[kSsimInFlight][kSsimLanes] = {};
    std::int32_t(*cols[kSsimInFlight])[kSsimLanes];
    double *totals[kSsimInFlight];
    for (int j = 0; j < kSsimInFlight; ++j) {
        cols[j] = col[j];
        totals[j] = total[j];
    }
    const I c1 = Ops::bcastI(kSsimC1TwiceInt);
    const F c2 = Ops::bcastF(kSsimC2Scaled);
    constexpr int share = Ops::kShare;
    for (int ch = 0; ch < 3; ++ch) {
        for (int j = 0; j < count; ++j)
            for (int c = 0; c < 32; ++c) {
                I acc = Ops::zeroI();
                for (int step = 0; step < 4; ++step)
                    acc = Ops::dot2(acc, b.steps[ch][step][c][0], xs[j]->steps[ch][step][c]);
                Ops::storeI(col[j][c], acc);
            }
        for (int r0 = 0; r0 < kSsimGrid; ++r0) {
            int j = 0;
            for (; j + share <= count; j += share)
                rowTerms<share>(xs + j, cols + j, totals + j, b, ch, r0, c1, c2);
            if constexpr (share > 1) // the odd single out
                for (; j < count; ++j)
                    rowTerms<1>(xs + j, cols + j, totals + j, b, ch, r0, c1, c2);
        }
    }
    for (int j = 0; j < count; ++j)
        for (int l = 0; l < kSsimLanes; ++l)
            out[j * kSsimLanes + l] = float(total[j][l] / (3.0 * kSsimPositions));
}
