// The source tree keeps SQL where docs/ARCHITECTURE.md says it lives: every SQL string on project
// tables in core/project/ (dedup, export, the UI and the CLI ask classes there), every transaction
// through the Transaction RAII class, and stored verdicts named through SqlLiterals.h, never as bare
// numbers. Reads the C++ sources themselves (TC_SOURCE_DIR), string literals only, so comments and
// identifiers never count.
#include <QDirIterator>
#include <QRegularExpression>
#include <QTest>

namespace {

struct Literal {
    int line = 0;
    QString text;
};

// The string literals of a C++ source (ordinary and raw), with the line each starts on. Comments and
// character literals are skipped.
QList<Literal> stringLiterals(const QString &src)
{
    QList<Literal> out;
    int line = 1;
    const qsizetype n = src.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = src[i];
        if (c == u'\n') {
            ++line;
        } else if (c == u'/' && i + 1 < n && src[i + 1] == u'/') {
            while (i < n && src[i] != u'\n')
                ++i;
            --i;
        } else if (c == u'/' && i + 1 < n && src[i + 1] == u'*') {
            for (i += 2; i + 1 < n && !(src[i] == u'*' && src[i + 1] == u'/'); ++i)
                line += src[i] == u'\n';
            ++i;
        } else if (c == u'\'') {
            for (++i; i < n && src[i] != u'\''; ++i)
                i += src[i] == u'\\';
        } else if (c == u'"' && i > 0 && src[i - 1] == u'R') {
            const qsizetype open = src.indexOf(u'(', i);
            const QString close = u')' + src.mid(i + 1, open - i - 1) + u'"';
            const qsizetype end = src.indexOf(close, open);
            Literal lit{line, src.mid(open + 1, end - open - 1)};
            line += int(lit.text.count(u'\n'));
            out << lit;
            i = end + close.size() - 1;
        } else if (c == u'"') {
            Literal lit{line, {}};
            for (++i; i < n && src[i] != u'"'; ++i) {
                if (src[i] == u'\\')
                    lit.text += src[i++];
                lit.text += src[i];
            }
            out << lit;
        }
    }
    return out;
}

struct Finding {
    QString file;
    int line;
    QString text;
};

// Every literal under the given top-level folders (relative to the source tree) that matches
// pattern, except in files whose relative path starts with one of `allowed`.
QList<Finding> find(const QStringList &folders, const QStringList &allowed, const QRegularExpression &pattern)
{
    QList<Finding> found;
    const QDir root(QStringLiteral(TC_SOURCE_DIR));
    for (const QString &folder : folders) {
        QDirIterator it(root.filePath(folder), {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString relative = root.relativeFilePath(path);
            if (std::any_of(allowed.begin(), allowed.end(), [&](const QString &a) { return relative.startsWith(a); }))
                continue;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            for (const Literal &lit : stringLiterals(QString::fromUtf8(file.readAll())))
                if (pattern.match(lit.text).hasMatch())
                    found << Finding{relative, lit.line, lit.text};
        }
    }
    return found;
}

QString report(const QList<Finding> &found)
{
    QStringList lines;
    for (const Finding &f : found)
        lines << QStringLiteral("%1:%2: \"%3\"").arg(f.file).arg(f.line).arg(f.text.left(80));
    return lines.join(QLatin1Char('\n'));
}

// SQL statements start with one of these keywords (SQLite's grammar); upper case as the code base
// writes SQL, so user-visible words ("Select a folder") never match.
const QRegularExpression kSql(QStringLiteral(
    R"(\b(SELECT|INSERT|UPDATE|DELETE|REPLACE INTO|CREATE|DROP|ALTER|BEGIN(?!:)|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|VACUUM|ATTACH|WITH RECURSIVE)\b)"));
// A transaction statement; a trigger's body (BEGIN SELECT RAISE(...); END) is not one.
const QRegularExpression kTransactionSql(QStringLiteral(
    R"(\b(?:BEGIN\b(?!\s+(?:SELECT|INSERT|UPDATE|DELETE)\b|:)|COMMIT\b|ROLLBACK\b(?!\s*,)|END TRANSACTION\b))"));
// A stored verdict compared with a number: "s.verdict = 1", "verdict <> 0", "verdict IN (1, 2)".
const QRegularExpression kVerdictNumber(QStringLiteral(R"(\bverdict\s*(=|==|<>|!=|<|>|<=|>=|IN\s*\()\s*\d)"),
                                        QRegularExpression::CaseInsensitiveOption);

} // namespace

class TestSqlLocation final : public QObject {
    Q_OBJECT
private slots:
    void scannerSeesLiteralsNotComments();
    void noSqlOutsideCoreProject();
    void everyTransactionThroughTransaction();
    void verdictsNamedInSql();
};

void TestSqlLocation::scannerSeesLiteralsNotComments()
{
    // The oracle for the checks below: what counts as a literal, on a hand-written source.
    const QString src = QStringLiteral("// SELECT in a comment\n"
                                       "auto a = QStringLiteral(\"SELECT id FROM t\");\n"
                                       "/* \"INSERT\" in a block comment */ char q = '\"';\n"
                                       "auto b = R\"x(DELETE \"quoted\" )x\"; auto c = \"esc \\\" PRAGMA\";\n");
    const QList<Literal> lits = stringLiterals(src);
    QCOMPARE(lits.size(), 3);
    QCOMPARE(lits[0].text, QStringLiteral("SELECT id FROM t"));
    QCOMPARE(lits[0].line, 2);
    QCOMPARE(lits[1].text, QStringLiteral("DELETE \"quoted\" "));
    QCOMPARE(lits[1].line, 4);
    QCOMPARE(lits[2].text, QStringLiteral("esc \\\" PRAGMA"));
    QVERIFY(kSql.match(lits[0].text).hasMatch());
    QVERIFY(!kSql.match(QStringLiteral("Select a folder")).hasMatch());
    QVERIFY(kTransactionSql.match(QStringLiteral("COMMIT; BEGIN IMMEDIATE")).hasMatch());
    QVERIFY(kTransactionSql.match(QStringLiteral("BEGIN")).hasMatch());
    // A record range's usage text is not SQL.
    QVERIFY(!kTransactionSql.match(QStringLiteral("expected BEGIN:END")).hasMatch());
    QVERIFY(!kSql.match(QStringLiteral("expected BEGIN:END")).hasMatch());
    QVERIFY(!kTransactionSql.match(QStringLiteral("FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'x'); END;")).hasMatch());
    QVERIFY(kVerdictNumber.match(QStringLiteral("AND s.verdict = 1 ")).hasMatch());
    QVERIFY(!kVerdictNumber.match(QStringLiteral("AND s.verdict = ?1")).hasMatch());
}

void TestSqlLocation::noSqlOutsideCoreProject()
{
    const QList<Finding> found = find({QStringLiteral("app"), QStringLiteral("ui"), QStringLiteral("core")},
                                      {QStringLiteral("core/project/")}, kSql);
    if (!found.isEmpty())
        QFAIL(
            qPrintable(QStringLiteral("SQL outside core/project/ (move it behind a class there):\n") + report(found)));
}

void TestSqlLocation::everyTransactionThroughTransaction()
{
    const QList<Finding> found = find({QStringLiteral("app"), QStringLiteral("ui"), QStringLiteral("core")},
                                      {QStringLiteral("core/project/Transaction.cpp")}, kTransactionSql);
    if (!found.isEmpty())
        QFAIL(qPrintable(QStringLiteral("raw transaction SQL (use core/project/Transaction.h):\n") + report(found)));
}

void TestSqlLocation::verdictsNamedInSql()
{
    const QList<Finding> found =
        find({QStringLiteral("app"), QStringLiteral("ui"), QStringLiteral("core")}, {}, kVerdictNumber);
    if (!found.isEmpty())
        QFAIL(qPrintable(QStringLiteral("a verdict as a number in SQL (use sqlLiteral(Verdict), "
                                        "core/project/SqlLiterals.h):\n") +
                         report(found)));
}

QTEST_GUILESS_MAIN(TestSqlLocation)
#include "TestSqlLocation.moc"
