// tinycurator-cli inspect PATH [--keyword K] [--json]: what a file or folder holds, recognised by
// content: format, image count, count per label; for Tiny Images the record count, the number of
// distinct keywords and the record range of --keyword; for a keyword catalog its classes.
#include "CliFiles.h"
#include "Command.h"
#include "core/readers/FormatDetector.h"
#include "core/readers/ImageSetLoader.h"
#include "core/readers/KeywordCatalog.h"
#include "core/readers/ReadError.h"
#include "core/readers/TinyImages.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>

using namespace tc::core;

namespace {

// Counts per label as [{label, name, count}], in label order.
QJsonArray labelCounts(const std::vector<int> &labels, const QStringList &names)
{
    std::map<int, qint64> counts;
    for (int l : labels)
        ++counts[l];
    QJsonArray out;
    for (const auto &[label, count] : counts) {
        QJsonObject o{{QStringLiteral("label"), label}, {QStringLiteral("count"), count}};
        if (label < names.size())
            o.insert(QStringLiteral("name"), names[label]);
        out.append(o);
    }
    return out;
}

// What `inspect` learns about one input, by format; false with errorString() from the reader.
class InspectReport final {
public:
    explicit InspectReport(QJsonObject &report) : m_report(report) {}
    bool imageSet(const QString &path);
    bool tiny(const QString &path, const QString &keyword);
    bool catalog(const QString &path);
    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }
    QString errorString() const { return m_error; }

private:
    QJsonObject &m_report;
    QString m_error;
};

bool InspectReport::imageSet(const QString &path)
{
    ImageSet set;
    ImageSetLoader loader;
    if (!loader.load(path, set))
        return fail(loader.errorString());
    m_report.insert(QStringLiteral("images"), set.count());
    if (!set.labels.empty())
        m_report.insert(QStringLiteral("label_counts"), labelCounts(set.labels, set.labelNames));
    if (!set.coarseLabels.empty())
        m_report.insert(QStringLiteral("coarse_label_counts"), labelCounts(set.coarseLabels, set.coarseLabelNames));
    if (!set.labelNames.isEmpty())
        m_report.insert(QStringLiteral("label_names"), QJsonArray::fromStringList(set.labelNames));
    if (!set.resized.empty())
        m_report.insert(QStringLiteral("resized"), qint64(std::count(set.resized.begin(), set.resized.end(), 1)));
    return true;
}

bool InspectReport::tiny(const QString &path, const QString &keyword)
{
    TinyImages tiny;
    const QFileInfo info(path);
    if (!tiny.open(info.isDir() ? path : info.absolutePath()))
        return fail(tiny.errorString());
    m_report.insert(QStringLiteral("records"), tiny.count());
    m_report.insert(QStringLiteral("distinct_keywords"), tiny.distinctKeywordCount());
    m_report.insert(QStringLiteral("sorted"), tiny.isSorted());
    if (!keyword.isEmpty()) {
        // An unsorted file may hold a keyword in several runs: the count is over all of them.
        const QList<KeywordRange> ranges = tiny.keywordRanges(keyword);
        qint64 count = 0;
        QJsonArray runs;
        for (const KeywordRange &r : ranges) {
            count += r.size();
            runs.append(QJsonArray{r.begin, r.end});
        }
        m_report.insert(QStringLiteral("keyword"),
                        QJsonObject{{QStringLiteral("keyword"), keyword},
                                    {QStringLiteral("begin"), ranges.isEmpty() ? 0 : ranges.first().begin},
                                    {QStringLiteral("end"), ranges.isEmpty() ? 0 : ranges.last().end},
                                    {QStringLiteral("count"), count},
                                    {QStringLiteral("runs"), runs}});
    }
    return true;
}

bool InspectReport::catalog(const QString &path)
{
    KeywordCatalog catalog;
    if (!catalog.load(path))
        return fail(catalog.errorString());
    QJsonArray classes;
    for (const auto &c : catalog.classes()) {
        QJsonObject o{{QStringLiteral("name"), c.name},
                      {QStringLiteral("keywords"), qint64(c.keywords.size())},
                      {QStringLiteral("total"), c.total()}};
        if (!c.superclass.isEmpty())
            o.insert(QStringLiteral("superclass"), c.superclass);
        classes.append(o);
    }
    m_report.insert(QStringLiteral("classes"), classes);
    m_report.insert(QStringLiteral("keywords"), qint64(catalog.keywordCount()));
    return true;
}

void printCounts(QTextStream &out, const QString &title, const QJsonArray &counts)
{
    out << title << ":\n";
    for (const auto &v : counts) {
        const QJsonObject o = v.toObject();
        out << "  " << o.value(QStringLiteral("label")).toInt();
        if (o.contains(QStringLiteral("name")))
            out << ' ' << o.value(QStringLiteral("name")).toString();
        out << ": " << o.value(QStringLiteral("count")).toInteger() << '\n';
    }
}

void printText(QTextStream &out, const QJsonObject &r)
{
    out << "path: " << r.value(QStringLiteral("path")).toString() << '\n';
    out << "format: " << r.value(QStringLiteral("format_name")).toString() << '\n';
    for (const char *key : {"images", "records", "distinct_keywords", "keywords", "resized"})
        if (r.contains(QLatin1String(key)))
            out << QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char(' ')) << ": "
                << r.value(QLatin1String(key)).toInteger() << '\n';
    if (r.contains(QStringLiteral("keyword"))) {
        const QJsonObject k = r.value(QStringLiteral("keyword")).toObject();
        const QJsonArray runs = k.value(QStringLiteral("runs")).toArray();
        out << "keyword '" << k.value(QStringLiteral("keyword")).toString() << "': count "
            << k.value(QStringLiteral("count")).toInteger() << ", records";
        for (qsizetype i = 0; i < runs.size() && i < 20; ++i)
            out << (i ? ", [" : " [") << runs[i].toArray().at(0).toInteger() << ", "
                << runs[i].toArray().at(1).toInteger() << ')';
        if (runs.size() > 20)
            out << " and " << runs.size() - 20 << " more runs";
        if (runs.isEmpty())
            out << " none";
        out << '\n';
    }
    if (r.contains(QStringLiteral("label_counts")))
        printCounts(out, QStringLiteral("images per label"), r.value(QStringLiteral("label_counts")).toArray());
    if (r.contains(QStringLiteral("coarse_label_counts")))
        printCounts(out, QStringLiteral("images per coarse label"),
                    r.value(QStringLiteral("coarse_label_counts")).toArray());
    if (r.contains(QStringLiteral("label_names")) && !r.contains(QStringLiteral("label_counts")))
        out << "label names: "
            << r.value(QStringLiteral("label_names")).toVariant().toStringList().join(QStringLiteral(", ")) << '\n';
    for (const auto &c : r.value(QStringLiteral("classes")).toArray()) {
        const QJsonObject o = c.toObject();
        out << "  class " << o.value(QStringLiteral("name")).toString() << ": "
            << o.value(QStringLiteral("keywords")).toInt() << " keywords, total "
            << o.value(QStringLiteral("total")).toInteger() << '\n';
    }
}

int runInspect(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show what a dataset file or folder holds: format (recognised by content), image count, count "
                       "per label; for Tiny Images the record count, distinct keywords and the records of --keyword "
                       "(every run, when the file is not sorted); for a keyword catalog its classes. Only regular "
                       "files and folders are read ('-' is refused: give a path)."));
    parser.addPositionalArgument(QStringLiteral("path"), QStringLiteral("File or folder to inspect."));
    const QCommandLineOption keywordOption(QStringLiteral("keyword"),
                                           QStringLiteral("Tiny Images: record range of this keyword."),
                                           QStringLiteral("keyword"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the report as JSON."));
    parser.addOption(keywordOption);
    parser.addOption(jsonOption);
    if (!tc::cli::parseCommandArgs(parser, args, err, 1))
        return 2;
    const QString path = parser.positionalArguments().first();
    if (tc::cli::PathArgument argument; !argument.check(path, QStringLiteral("inspect PATH"))) {
        err << argument.errorString() << '\n';
        return 2;
    }
    FormatDetector detector;
    const DataFormat format = detector.detect(path);
    QJsonObject report{{QStringLiteral("path"), path},
                       {QStringLiteral("format"), FormatDetector::jsonName(format)},
                       {QStringLiteral("format_name"), FormatDetector::name(format)}};
    InspectReport inspect(report);
    bool ok = false;
    if (format == DataFormat::Unknown)
        inspect.fail(FormatDetector::unknownError(path, detector.errorString()));
    else if (format == DataFormat::TinyImages)
        ok = inspect.tiny(path, parser.value(keywordOption));
    else if (format == DataFormat::KeywordCatalog)
        ok = inspect.catalog(path);
    else
        ok = inspect.imageSet(path);
    if (!ok) {
        err << inspect.errorString().simplified() << '\n'; // one line, whatever the reader said
        return 1;
    }
    if (parser.isSet(jsonOption))
        out << QJsonDocument(report).toJson(QJsonDocument::Indented);
    else
        printText(out, report);
    return 0;
}

const tc::cli::CommandRegistrar
    registrar({QStringLiteral("inspect"),
               QStringLiteral("Show the format, image count and labels of a dataset file or folder"), runInspect});

} // namespace
