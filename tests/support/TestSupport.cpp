#include "tests/support/TestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <csignal>

namespace tc::test {

QString sharedDir()
{
    const QString env = qEnvironmentVariable("TC_SHARED_DIR");
    const QString dir = env.isEmpty() ? QStringLiteral(TC_SHARED_DIR) : env;
    return QFileInfo(dir + QStringLiteral("/fixtures")).isDir() ? QDir(dir).absolutePath() : QString();
}

QString fixture(const QString &relative)
{
    return sharedDir() + QStringLiteral("/fixtures/") + relative;
}
QString sharedData(const QString &relative)
{
    return sharedDir() + QStringLiteral("/data/") + relative;
}

QString cliPath()
{
    return qEnvironmentVariable("TC_CLI");
}

bool loadGermanCatalogue(QTranslator &translator)
{
    QString qm = qEnvironmentVariable("TC_QM_DE");
    if (qm.isEmpty())
        qm = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/tinycurator_de.qm");
    return translator.load(qm);
}

GermanCatalogue::~GermanCatalogue()
{
    if (m_installed)
        QCoreApplication::removeTranslator(&m_translator);
}

bool GermanCatalogue::install()
{
    m_installed = loadGermanCatalogue(m_translator) && QCoreApplication::installTranslator(&m_translator);
    return m_installed;
}

bool killWhenStderrShows(QProcess &process, const QByteArray &marker, QByteArray *err)
{
    QByteArray seen;
    while (!seen.contains(marker) && process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        seen += process.readAllStandardError();
    }
    if (err)
        *err = seen;
    if (process.state() != QProcess::Running)
        return false;
    ::kill(pid_t(process.processId()), SIGKILL);
    return true;
}

static ProcessResult run(const QString &program, const QStringList &args, const QByteArray &input, int timeoutMs)
{
    ProcessResult r;
    QProcess p;
    p.start(program, args);
    r.started = p.waitForStarted(30000);
    if (!r.started)
        return r;
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

ProcessResult runCli(const QStringList &args, int timeoutMs)
{
    return run(cliPath(), args, {}, timeoutMs);
}

QString exportWithCli(const QString &project, const QString &out, int perClass, int seed, const QStringList &extra,
                      int expectedExit)
{
    const auto r =
        runCli(QStringList{QStringLiteral("export"), project, QStringLiteral("--out"), out,
                           QStringLiteral("--per-class"), QString::number(perClass), QStringLiteral("--test-fraction"),
                           QStringLiteral("0.25"), QStringLiteral("--seed"), QString::number(seed)} +
               extra);
    if (r.exitCode != expectedExit)
        qWarning("export exit %d: %s %s", r.exitCode, r.out.constData(), r.err.constData());
    return r.exitCode == expectedExit ? out : QString();
}

ProcessResult buildDemoProject(const QString &path, int timeoutMs)
{
    return run(QStringLiteral("bash"), {QStringLiteral(TC_SOURCE_DIR "/scripts/demo-project.sh"), cliPath(), path}, {},
               timeoutMs);
}

ProcessResult runPython(const QString &script, const QStringList &args, int timeoutMs)
{
    return run(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral("-c"), script} + args, {}, timeoutMs);
}

bool havePython(const QStringList &modules)
{
    if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
        return false;
    QString script;
    for (const auto &m : modules)
        script += QStringLiteral("import %1\n").arg(m);
    return runPython(script.isEmpty() ? QStringLiteral("pass") : script, {}, 60000).exitCode == 0;
}

QList<QHash<QString, QString>> readTruthCsv()
{
    QList<QHash<QString, QString>> rows;
    QFile f(fixture(QStringLiteral("world-small/truth.csv")));
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    const QStringList header = QString::fromUtf8(f.readLine()).trimmed().split(QLatin1Char(','));
    while (!f.atEnd()) {
        const QStringList cells = QString::fromUtf8(f.readLine()).trimmed().split(QLatin1Char(','));
        QHash<QString, QString> row;
        for (int i = 0; i < header.size() && i < cells.size(); ++i)
            row.insert(header[i], cells[i]);
        rows.append(row);
    }
    return rows;
}

std::vector<std::uint8_t> cifarBinaryImages(const QString &path, int count)
{
    constexpr int kPlane = 1024, kRecord = 1 + 3 * kPlane;
    QFile f(path);
    std::vector<std::uint8_t> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (int i = 0; i < count; ++i) {
        const QByteArray rec = f.read(kRecord);
        if (rec.size() < kRecord)
            break;
        for (int px = 0; px < kPlane; ++px)
            for (int ch = 0; ch < 3; ++ch)
                out.push_back(std::uint8_t(rec[1 + ch * kPlane + px]));
    }
    return out;
}

std::vector<std::vector<std::uint8_t>> npyImages(const QString &path)
{
    constexpr qsizetype kImage = 3072;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    if (all.size() < 10)
        return {};
    const int header = quint8(all[8]) | (quint8(all[9]) << 8);
    std::vector<std::vector<std::uint8_t>> out;
    for (qsizetype off = 10 + header; off + kImage <= all.size(); off += kImage)
        out.emplace_back(all.begin() + off, all.begin() + off + kImage);
    return out;
}

} // namespace tc::test
