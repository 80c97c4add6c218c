// libFuzzer target: LabelImg XML import. The input is one Pascal VOC file in an otherwise empty
// folder, imported into a fresh copy of a small project; the raw bytes also go to parsePath().
#include "FuzzProjectSupport.h"
#include "core/project/LabelImgImport.h"

#include <QDir>

using namespace tc::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    tc::fuzz::ensureApp();
    QString cls, keyword;
    qint64 position = 0;
    (void)LabelImgImport::parsePath(QString::fromUtf8(tc::fuzz::bytes(data, size)), &cls, &keyword, &position);

    const QString xmlDir = tc::fuzz::tempDir() + QStringLiteral("/xml");
    QDir().mkpath(xmlDir);
    tc::fuzz::writeTemp(QStringLiteral("xml/input.xml"), data, size);
    Project project;
    tc::fuzz::openFreshProject(project);
    LabelImgImport import(project);
    if (!import.run(xmlDir, QStringLiteral("fuzz")) && import.errorString().isEmpty())
        abort();
    if (import.report().inserted + import.report().existing + import.report().issues.size() != 1)
        abort(); // one file: exactly one outcome, nothing dropped silently
    return 0;
}
