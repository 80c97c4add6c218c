#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QTranslator>
#include <cstdint>
#include <vector>

namespace tc::test {

// Absolute path of ../shared (set through CMake's TC_SHARED_DIR), or empty when it is absent.
QString sharedDir();
// A path under ../shared/fixtures, e.g. fixture("world-small/truth.csv").
QString fixture(const QString &relative);
// A path under ../shared/data.
QString sharedData(const QString &relative);

// The tinycurator-cli binary under test (CTest passes it in TC_CLI).
QString cliPath();

// Loads the shipped German catalogue (build/app/tinycurator_de.qm next to the tests, or TC_QM_DE=<file>)
// into `translator`; false when it is not built (the caller skips).
bool loadGermanCatalogue(QTranslator &translator);
// The German catalogue installed for the object's life (tests of the German GUI); install() is false when it is
// not built (the caller skips).
class GermanCatalogue final {
public:
    GermanCatalogue() = default;
    ~GermanCatalogue();
    GermanCatalogue(const GermanCatalogue &) = delete;
    GermanCatalogue &operator=(const GermanCatalogue &) = delete;
    bool install();

private:
    QTranslator m_translator;
    bool m_installed = false;
};

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool started = false;
};
// Kills a started process with SIGKILL as soon as its standard error contains `marker` (a progress
// line: the worst moment, mid-run). False when it ended first; `err` gets what it wrote before.
bool killWhenStderrShows(QProcess &process, const QByteArray &marker, QByteArray *err = nullptr);
// Runs the CLI with arguments, waiting up to timeoutMs.
ProcessResult runCli(const QStringList &args, int timeoutMs = 300000);
// Runs scripts/demo-project.sh (the bundled demo project as README's first command builds it) into path.
ProcessResult buildDemoProject(const QString &path, int timeoutMs = 300000);
// Runs Debian's /usr/bin/python3 with a script given as text (the independent oracle).
ProcessResult runPython(const QString &script, const QStringList &args = {}, int timeoutMs = 300000);
// Runs `tinycurator-cli export PROJECT --out OUT --per-class N --test-fraction 0.25 --seed S` plus extra
// arguments; returns OUT when the exit code is the expected one, otherwise an empty string (and warns
// with the CLI's output).
QString exportWithCli(const QString &project, const QString &out, int perClass, int seed, const QStringList &extra = {},
                      int expectedExit = 0);
bool havePython(const QStringList &modules = {QStringLiteral("numpy")});

// Empty when reader.read(path, out) fails the way every reader must fail: with an error that names
// the file first ("<path>: ...") and contains `expected`; otherwise what went wrong, for QVERIFY2.
template <typename Reader, typename Out>
QString readFailure(Reader &reader, const QString &path, Out &out, const QString &expected)
{
    if (reader.read(path, out))
        return path + QStringLiteral(": read succeeded, expected an error containing '") + expected + u'\'';
    const QString error = reader.errorString();
    if (!error.startsWith(path + QStringLiteral(": ")) || !error.contains(expected))
        return QStringLiteral("unexpected error: ") + error + QStringLiteral(" (expected '") + expected + u'\'' + u')';
    return {};
}

// Reads ../shared/fixtures/world-small/truth.csv into rows of column -> value.
QList<QHash<QString, QString>> readTruthCsv();

// The first `count` images of a CIFAR-10 binary batch (label byte, then the R, G, B planes), as
// canonical HWC bytes, 3,072 per image; fewer when the file has fewer, none when it cannot be read.
// Independent of core's readers on purpose: the engine's tests feed it real images without them.
std::vector<std::uint8_t> cifarBinaryImages(const QString &path, int count);
// The images of an (N, 32, 32, 3) uint8 .npy (format 1.0, as the fixtures are), one 3,072-byte HWC
// vector each; none when the file cannot be read. Independent of core's NpyReader on purpose.
std::vector<std::vector<std::uint8_t>> npyImages(const QString &path);

} // namespace tc::test

// Skips the current test with a clear message when ../shared is not there.
#define TC_REQUIRE_SHARED()                                                                                            \
    do {                                                                                                               \
        if (tc::test::sharedDir().isEmpty())                                                                           \
            QSKIP("../shared not found (configure with -DTC_SHARED_DIR=...): fixture-based test skipped");             \
    } while (false)

#define TC_REQUIRE_PYTHON(...)                                                                                         \
    do {                                                                                                               \
        if (!tc::test::havePython({__VA_ARGS__}))                                                                      \
            QSKIP("/usr/bin/python3 with the needed modules (" #__VA_ARGS__ ") is not installed");                     \
    } while (false)
