// libFuzzer target: decision CSV import into a fresh copy of a small project, and the line splitter.
#include "FuzzProjectSupport.h"
#include "core/project/DecisionCsv.h"

using namespace tc::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    tc::fuzz::ensureApp();
    (void)DecisionCsv::splitLine(QString::fromUtf8(tc::fuzz::bytes(data, size)));
    const QString path = tc::fuzz::writeTemp(QStringLiteral("decisions.csv"), data, size);
    Project project;
    tc::fuzz::openFreshProject(project);
    DecisionCsv csv(project);
    if (!csv.importFile(path) && csv.errorString().isEmpty())
        abort();
    return 0;
}
