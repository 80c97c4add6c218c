#pragma once

#include "tests/support/TestSupport.h"

#include <QStringList>

namespace tc::test {

// A path in ../shared's world-small, whose Tiny Images pair `locate` streams in these tests.
inline QString smallWorld(const QString &relative)
{
    return fixture(QStringLiteral("world-small/") + relative);
}

// `locate` of `dataset` (a path) against world-small's Tiny Images into `out`; the record range and
// k only when given, so the command's own defaults are what the bare form tests.
inline QStringList locateArgs(const QString &dataset, const QString &out, const QString &records = {}, int k = 0)
{
    QStringList args{QStringLiteral("locate"),
                     QStringLiteral("--dataset"),
                     dataset,
                     QStringLiteral("--tiny"),
                     smallWorld(QStringLiteral("tinyimages")),
                     QStringLiteral("--csv"),
                     out};
    if (!records.isEmpty())
        args << QStringLiteral("--records") << records;
    if (k > 0)
        args << QStringLiteral("--top-k") << QString::number(k);
    return args;
}

} // namespace tc::test
