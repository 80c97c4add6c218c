#pragma once

#include "core/readers/TinyRecordStream.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

namespace tc::cli {

// --records A:B of the commands that stream Tiny Images (locate, near-dups): one name, one syntax and
// one parse, so a shard means the same records to both (scripts/slurm splits jobs by it).
class RecordsOption final {
public:
    // The option; `what` starts its help ("Record range"), the syntax and the default follow.
    static QCommandLineOption option(const QString &what);
    // The range asked for against a file of `count` records (the whole file when the option is not
    // given). False with errorString() when the text is absurd (TinyRecordRangeParser).
    bool read(const QCommandLineParser &parser, qint64 count);
    static bool isSet(const QCommandLineParser &parser);
    core::TinyRecordRange range() const { return m_range; }
    QString errorString() const { return m_error; }

private:
    core::TinyRecordRange m_range;
    QString m_error;
};

} // namespace tc::cli
