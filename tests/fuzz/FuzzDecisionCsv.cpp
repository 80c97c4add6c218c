// libFuzzer target: decision CSV import (both the log format and the old three-column one) into a
// fresh copy of a small project. Contract: a failure carries a message; all or nothing (a failed
// import records no decision); a success that recorded decisions exports a log that imports
// into another fresh copy and exports to the same bytes.
#include "FuzzProjectSupport.h"
#include "core/project/DecisionCsv.h"

#include <QBuffer>

using namespace tc::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    tc::fuzz::ensureApp();
    QByteArray bytes = tc::fuzz::bytes(data, size);
    QBuffer in(&bytes);
    in.open(QIODevice::ReadOnly);
    Project project;
    tc::fuzz::openFreshProject(project);
    const qint64 before = project.database().queryInt(QStringLiteral("SELECT count(*) FROM decisions"));
    DecisionCsv csv(project);
    if (!csv.read(&in, QStringLiteral("fuzz.csv"))) {
        if (csv.errorString().isEmpty())
            abort();
        if (project.database().queryInt(QStringLiteral("SELECT count(*) FROM decisions")) != before)
            abort(); // a failed import recorded something
        return 0;
    }
    QByteArray first, second;
    QBuffer a(&first), b(&second);
    a.open(QIODevice::WriteOnly);
    if (!csv.write(&a, QStringLiteral("a.csv")))
        abort();
    if (before == 0) {
        a.close();
        a.open(QIODevice::ReadOnly);
        project.close(); // openFreshProject reuses the one work file
        Project copy;
        tc::fuzz::openFreshProject(copy);
        DecisionCsv again(copy);
        b.open(QIODevice::WriteOnly);
        if (!again.read(&a, QStringLiteral("a.csv")) || !again.write(&b, QStringLiteral("b.csv")) || first != second)
            abort();
    }
    return 0;
}
