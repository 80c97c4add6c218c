#pragma once

// Shared by the writer tests: deterministic synthetic image sets, and a way to hand the exact
// canonical bytes to Python so numpy (not our code) does the layout conversion when comparing.

#include "core/common/ImageSet.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>

namespace tc::test {

// count images whose every byte differs by position, label and channel, so a transposed or
// shifted layout cannot pass; labels cycle through classes.
inline tc::core::ImageSet syntheticSet(int count, int classes = 10, quint32 seed = 1)
{
    tc::core::ImageSet s;
    s.pixels.resize(size_t(count) * tc::core::kImageBytes);
    quint32 x = seed * 2654435761u + 12345u;
    for (auto &b : s.pixels) {
        x = x * 1664525u + 1013904223u; // LCG: fixed bytes on every platform
        b = std::uint8_t(x >> 24);
    }
    for (int i = 0; i < count; ++i) {
        s.labels.push_back(i % classes);
        s.filenames << QStringLiteral("kw_%1_s_%2.png").arg(i % classes).arg(i, 6, 10, QLatin1Char('0'));
    }
    for (int c = 0; c < classes; ++c)
        s.labelNames << QStringLiteral("class%1").arg(c);
    return s;
}

inline bool writeRaw(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

inline QByteArray rawPixels(const tc::core::ImageSet &s)
{
    return QByteArray(reinterpret_cast<const char *>(s.pixels.data()), qsizetype(s.pixels.size()));
}

// Runs a Python check; on failure the test fails with Python's output.
#define TC_PYTHON_OK(script, args)                                                                                     \
    do {                                                                                                               \
        const auto _r = tc::test::runPython(script, args);                                                             \
        QVERIFY2(_r.started, "could not start /usr/bin/python3");                                                      \
        QVERIFY2(_r.exitCode == 0, (_r.out + _r.err).constData());                                                     \
    } while (false)

} // namespace tc::test
