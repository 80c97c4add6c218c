// core's exact-duplicate groups over world-small (through the CLI: new, add-reference, dedup) against
// truth.csv: every exact copy of a reference image is in the group of that image, named by Tiny index and
// by reference set + index; identical candidates are grouped as truth's `internal` rows say; exclude copies
// come first; no cap, rows arrive in pages; pixels and outcomes are the project's.
#include "core/dedup/DedupStore.h"
#include "core/dedup/DuplicateOutcomes.h"
#include "core/dedup/ExactGroupModel.h"
#include "core/dedup/RemovalRule.h"
#include "core/project/Project.h"
#include "tests/support/TestSupport.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>

using namespace tc::core;
using M = ExactGroupModel;

class TestExactGroupModel final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void modelContract();
    void groupsAreTruthsCopies();
    void pagesWithoutACap();
    void membersCarryTheirPixelsAndOutcomes();

private:
    // Every group fetched: (kind, candidate Tiny indices, references "set #index").
    struct Group {
        M::GroupKind kind;
        QList<qint64> tiny;
        QStringList references;
    };
    QList<Group> allGroups(M &model) const;

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Project> m_project;
};

void TestExactGroupModel::initTestCase()
{
    TC_REQUIRE_SHARED();
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath("exact.tcproj");
    const QString world = tc::test::fixture("world-small");
    auto r =
        tc::test::runCli({"new", m_path, "--tiny", world + "/tinyimages", "--catalog", world + "/keyword_counts.json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QStringList> refs = {{"cifar10-test", "exclude", world + "/cifar-10-batches-py/test_batch"},
                                     {"cifar10.1", "avoid", world + "/cifar10.1/cifar10.1_v6_data.npy"}};
    for (const auto &ref : refs) {
        r = tc::test::runCli({"add-reference", m_path, "--name", ref[0], "--role", ref[1], ref[2]});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    r = tc::test::runCli({"dedup", m_path});
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestExactGroupModel::init()
{
    m_project = std::make_unique<Project>();
    QVERIFY(m_project->open(m_path));
}

void TestExactGroupModel::cleanup()
{
    m_project.reset();
}

QList<TestExactGroupModel::Group> TestExactGroupModel::allGroups(M &model) const
{
    while (model.canFetchMore({}))
        model.fetchMore({});
    QList<Group> out;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex g = model.index(row, 0);
        Group group{M::GroupKind(g.data(M::GroupKindRole).toInt()), {}, {}};
        for (int m = 0; m < model.rowCount(g); ++m) {
            const QModelIndex member = model.index(m, 0, g);
            if (M::MemberKind(member.data(M::MemberKindRole).toInt()) == M::MemberKind::Candidate)
                group.tiny << member.data(M::TinyIndexRole).toLongLong();
            else
                group.references << member.data(M::NameRole).toString();
        }
        out << group;
    }
    return out;
}

void TestExactGroupModel::modelContract()
{
    M model(m_project.get());
    model.setPageSize(7);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QVERIFY(model.rowCount() > 7);
    DuplicateOutcomes outcomes;
    QVERIFY(outcomes.load(m_project->database()));
    model.setOutcomes(&outcomes, 0.75, 1000); // dataChanged for every group and member
    model.refresh();
}

void TestExactGroupModel::groupsAreTruthsCopies()
{
    M model(m_project.get());
    const QList<Group> groups = allGroups(model);
    QCOMPARE(qint64(groups.size()), model.groupCount());
    // Truth's exact copies (under a catalog keyword, so imported): each candidate in the group of its image.
    // Truth's `internal` rows are the same picture (source_jpg) as a `new` candidate under another keyword.
    QHash<qint64, QString> copyOf;
    QHash<QString, QList<qint64>> bySource;
    for (const auto &row : tc::test::readTruthCsv()) {
        if (row.value("keyword_class").isEmpty())
            continue;
        const qint64 tiny = row.value("tiny_index").toLongLong();
        if (row.value("kind") == "exact" && row.value("ref_set") != "cifar10-train")
            copyOf.insert(tiny, QStringLiteral("%1 #%2").arg(row.value("ref_set"), row.value("ref_index")));
        if (row.value("kind") == "internal" || row.value("kind") == "new")
            bySource[row.value("source_jpg")] << tiny;
    }
    QCOMPARE(copyOf.size(), 45);
    QSet<QSet<qint64>> identicalInTruth;
    for (const QList<qint64> &same : std::as_const(bySource))
        if (same.size() > 1)
            identicalInTruth.insert(QSet<qint64>(same.begin(), same.end()));
    QCOMPARE(identicalInTruth.size(), 22);
    // A keyword the catalog lists under two classes (cruiser) gives one record two candidates.
    for (const QString &source : bySource.keys())
        for (qint64 tiny : bySource.value(source))
            if (m_project->candidatesByTinyIndex(tiny).size() > 1 && bySource.value(source).size() == 1)
                identicalInTruth.insert({tiny});
    QVERIFY(identicalInTruth.size() > 22);
    QHash<qint64, int> groupOf;
    for (int g = 0; g < groups.size(); ++g)
        for (qint64 tiny : groups[g].tiny)
            groupOf.insert(tiny, g);
    for (auto it = copyOf.cbegin(); it != copyOf.cend(); ++it) {
        QVERIFY2(groupOf.contains(it.key()), qPrintable(QString::number(it.key())));
        const Group &g = groups[groupOf.value(it.key())];
        QVERIFY2(g.references.contains(it.value()), qPrintable(g.references.join(',') + " lacks " + it.value()));
        QCOMPARE(g.kind, it.value().startsWith("cifar10-test") ? M::GroupKind::ExcludeCopy : M::GroupKind::AvoidCopy);
    }
    // Groups with references hold copies truth names; groups of candidates only are truth's identical ones.
    QSet<QSet<qint64>> identical;
    for (const Group &g : groups) {
        if (g.kind != M::GroupKind::Identical) {
            for (qint64 tiny : g.tiny)
                QVERIFY2(g.references.contains(copyOf.value(tiny)), qPrintable(QString::number(tiny)));
            continue;
        }
        QVERIFY(g.references.isEmpty());
        identical.insert(QSet<qint64>(g.tiny.begin(), g.tiny.end()));
    }
    QCOMPARE(identical, identicalInTruth);
    // Exclude copies first, then avoid copies, then identical candidates.
    for (int g = 0; g + 1 < groups.size(); ++g)
        QVERIFY(int(groups[g].kind) <= int(groups[g + 1].kind));
    QCOMPARE(model.candidateCount(M::GroupKind::ExcludeCopy), 30);
    QCOMPARE(model.candidateCount(M::GroupKind::AvoidCopy), 15);
    QCOMPARE(model.groupCount(M::GroupKind::Identical), identical.size());
}

void TestExactGroupModel::pagesWithoutACap()
{
    M model(m_project.get());
    model.setPageSize(5);
    QCOMPARE(model.rowCount(), 5);
    QVERIFY(model.canFetchMore({}));
    const qsizetype total = model.groupCount();
    int pages = 1;
    while (model.canFetchMore({})) {
        model.fetchMore({});
        ++pages;
    }
    QCOMPARE(model.rowCount(), int(total));
    QCOMPARE(pages, int((total + 4) / 5));
}

void TestExactGroupModel::membersCarryTheirPixelsAndOutcomes()
{
    M model(m_project.get());
    DuplicateOutcomes outcomes;
    QVERIFY(outcomes.load(m_project->database()));
    // No pair passes these thresholds: only exact copies and identical copies are removed.
    model.setOutcomes(&outcomes, 2.0, -1.0);
    DedupStore store(m_project->database());
    const auto sets = store.referenceSets();
    int checked = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex g = model.index(row, 0);
        const auto kind = M::GroupKind(g.data(M::GroupKindRole).toInt());
        bool keptOne = false;
        for (int m = 0; m < model.rowCount(g); ++m) {
            const QModelIndex member = model.index(m, 0, g);
            const QByteArray px = member.data(M::PixelsRole).toByteArray();
            QCOMPARE(px.size(), 3072);
            if (M::MemberKind(member.data(M::MemberKindRole).toInt()) == M::MemberKind::Reference) {
                const auto set = std::find_if(sets.begin(), sets.end(), [&](const ReferenceSetInfo &s) {
                    return s.name == member.data(M::SetNameRole).toString();
                });
                QVERIFY(set != sets.end());
                QCOMPARE(px, store.referenceImage(set->id, member.data(M::ReferenceIndexRole).toInt()));
                QCOMPARE(member.data(M::NameRole).toString(),
                         QStringLiteral("%1 #%2").arg(set->name).arg(member.data(M::ReferenceIndexRole).toInt()));
                continue;
            }
            const qint64 id = member.data(M::CandidateIdRole).toLongLong();
            QCOMPARE(px, m_project->pixels(id));
            QCOMPARE(member.data(M::NameRole).toString(),
                     QStringLiteral("Tiny #%1").arg(member.data(M::TinyIndexRole).toLongLong()));
            QCOMPARE(member.data(M::ClassRole).toString(), m_project->candidate(id)->className);
            const auto outcome = Removal(member.data(M::OutcomeRole).toInt());
            if (kind == M::GroupKind::ExcludeCopy) {
                QCOMPARE(outcome, Removal::ExcludeExact);
            } else {
                // The first copy stays, every later one is an identical copy (candidates come in id order).
                QCOMPARE(outcome, keptOne ? Removal::InternalCopy : Removal::None);
                keptOne = true;
            }
            ++checked;
        }
    }
    QVERIFY(checked > 60);
}

QTEST_GUILESS_MAIN(TestExactGroupModel)
#include "TestExactGroupModel.moc"
