// Tools > Superclasses: edits in the table and maps loaded from a file reach the project only on OK, in one
// all-or-nothing Project::setSuperclasses(); the status line follows the edits (CIFAR-10 style, mixed,
// CIFAR-100 style); Cancel writes nothing. Checked against the project file reopened and queried with SQL.
#include "core/project/Project.h"
#include "ui/ExportDialog.h"
#include "ui/SuperclassesDialog.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace tc;

namespace {
const QStringList kClasses{QStringLiteral("airplane"), QStringLiteral("cat"), QStringLiteral("dog"),
                           QStringLiteral("truck")};

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}
} // namespace

class TestSuperclassesDialog final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void tableEditsApplyOnOk();
    void editorOffersNamesInUse();
    void mixedStateShowsTheProblem();
    void loadFromJsonAndCsv();
    void badFilesLoadNothing();
    void cancelChangesNothing();
    void exportPreviewSaysTheStyle();
    void screenshot();

private:
    // name -> superclass as stored, read from a fresh connection on the file.
    QHash<QString, QString> stored();
    void setCell(ui::SuperclassesDialog &d, const QString &className, const QString &superclass);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<core::Project> m_project;
};

void TestSuperclassesDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("p.tcproj"));
    m_project = std::make_unique<core::Project>();
    QVERIFY(m_project->create(m_path));
    core::Catalog catalog;
    for (const QString &c : kClasses)
        catalog << core::CatalogClass{c, {{c + QStringLiteral("_kw"), 3}}};
    QVERIFY(m_project->defineCatalog(catalog));
}

void TestSuperclassesDialog::cleanup()
{
    m_project.reset();
    m_dir.reset();
}

QHash<QString, QString> TestSuperclassesDialog::stored()
{
    m_project->close(); // one writer per file: release it, read through a new connection, reopen
    QHash<QString, QString> result;
    {
        core::Project fresh;
        if (!fresh.open(m_path))
            return {{QStringLiteral("<error>"), fresh.errorString()}};
        for (const auto &c : fresh.classes())
            result.insert(c.name, c.superclass);
        // NULL (not '') is "none" in the file itself.
        result.insert(QStringLiteral("<nulls>"), QString::number(fresh.database().queryInt(QStringLiteral(
                                                     "SELECT count(*) FROM classes WHERE superclass IS NULL"))));
    }
    m_project->open(m_path);
    return result;
}

void TestSuperclassesDialog::setCell(ui::SuperclassesDialog &d, const QString &className, const QString &superclass)
{
    const auto found = d.table()->findItems(className, Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    d.table()->item(found.first()->row(), ui::SuperclassesDialog::SuperclassCol)->setText(superclass);
}

void TestSuperclassesDialog::tableEditsApplyOnOk()
{
    ui::SuperclassesDialog d(m_project.get());
    QCOMPARE(d.table()->rowCount(), 4);
    QVERIFY(d.statusText().contains(QLatin1String("CIFAR-10 style")));
    setCell(d, QStringLiteral("airplane"), QStringLiteral("vehicle"));
    setCell(d, QStringLiteral("truck"), QStringLiteral("  vehicle "));
    setCell(d, QStringLiteral("cat"), QStringLiteral("pet"));
    setCell(d, QStringLiteral("dog"), QStringLiteral("pet"));
    QVERIFY2(d.statusText().contains(QLatin1String("CIFAR-100 style. Superclasses (2): pet, vehicle.")),
             qPrintable(d.statusText()));
    // Nothing written before OK.
    QCOMPARE(stored().value(QStringLiteral("<nulls>")), QStringLiteral("4"));
    d.accept();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(d.errorText(), QString());
    const auto s = stored();
    QCOMPARE(s.value(QStringLiteral("airplane")), QStringLiteral("vehicle"));
    QCOMPARE(s.value(QStringLiteral("truck")), QStringLiteral("vehicle"));
    QCOMPARE(s.value(QStringLiteral("cat")), QStringLiteral("pet"));
    QCOMPARE(s.value(QStringLiteral("dog")), QStringLiteral("pet"));
    QCOMPARE(s.value(QStringLiteral("<nulls>")), QStringLiteral("0"));
    QCOMPARE(m_project->superclassProblem(), QString());

    // Clearing every cell goes back to CIFAR-10 style, stored as NULLs.
    ui::SuperclassesDialog again(m_project.get());
    QCOMPARE(again.table()->item(0, ui::SuperclassesDialog::SuperclassCol)->text(), QStringLiteral("vehicle"));
    for (const QString &c : kClasses)
        setCell(again, c, QString());
    QVERIFY(again.statusText().contains(QLatin1String("CIFAR-10 style")));
    QVERIFY(again.apply());
    QCOMPARE(stored().value(QStringLiteral("<nulls>")), QStringLiteral("4"));
}

void TestSuperclassesDialog::editorOffersNamesInUse()
{
    QVERIFY(m_project->setSuperclasses(
        {{QStringLiteral("cat"), QStringLiteral("pet")}, {QStringLiteral("truck"), QStringLiteral("vehicle")}}));
    ui::SuperclassesDialog d(m_project.get());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QTableWidgetItem *dog = d.table()->findItems(QStringLiteral("dog"), Qt::MatchExactly).first();
    QTableWidgetItem *cell = d.table()->item(dog->row(), ui::SuperclassesDialog::SuperclassCol);
    d.table()->setCurrentItem(cell);
    d.table()->editItem(cell);
    auto *combo = d.table()->findChild<QComboBox *>();
    QVERIFY(combo);
    QVERIFY(combo->isEditable());
    QStringList offered;
    for (int i = 0; i < combo->count(); ++i)
        offered << combo->itemText(i);
    QCOMPARE(offered, (QStringList{QStringLiteral("pet"), QStringLiteral("vehicle")}));
    // Choosing an offered name and committing (Enter) lands in the table.
    combo->setCurrentIndex(0);
    QTest::keyClick(combo, Qt::Key_Return);
    QTRY_COMPARE(cell->text(), QStringLiteral("pet")); // the delegate commits queued
    QVERIFY(d.statusText().contains(QLatin1String("(1 of 4 classes): airplane.")));
    // Typing reaches the table and the status at once, and OK with the editor still open applies it.
    QTRY_VERIFY(!d.table()->indexWidget(d.table()->indexFromItem(cell))); // Enter closed the editor
    QTableWidgetItem *airplane = d.table()->item(0, ui::SuperclassesDialog::SuperclassCol);
    d.table()->editItem(airplane);
    combo = qobject_cast<QComboBox *>(d.table()->indexWidget(d.table()->indexFromItem(airplane)));
    QVERIFY(combo);
    QTest::keyClicks(combo, QStringLiteral("sky"));
    QCOMPARE(d.table()->item(0, ui::SuperclassesDialog::SuperclassCol)->text(), QStringLiteral("sky"));
    QVERIFY2(d.statusText().contains(QLatin1String("Superclasses (3): pet, sky, vehicle.")),
             qPrintable(d.statusText()));
    d.accept();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(stored().value(QStringLiteral("airplane")), QStringLiteral("sky"));
}

void TestSuperclassesDialog::mixedStateShowsTheProblem()
{
    ui::SuperclassesDialog d(m_project.get());
    setCell(d, QStringLiteral("cat"), QStringLiteral("pet"));
    // Three of four lack one: the status names them and says the export refuses.
    QVERIFY2(d.statusText().contains(QLatin1String("Without a superclass (3 of 4 classes): airplane, dog, truck.")),
             qPrintable(d.statusText()));
    QVERIFY(d.statusText().contains(QLatin1String("refuses")));
    setCell(d, QStringLiteral("airplane"), QStringLiteral("vehicle"));
    setCell(d, QStringLiteral("truck"), QStringLiteral("vehicle"));
    QVERIFY2(d.statusText().contains(QLatin1String("Without a superclass (1 of 4 classes): dog.")),
             qPrintable(d.statusText()));
    // A mixed state may be stored (the export refuses it, naming the same classes as core does).
    QVERIFY(d.apply());
    QVERIFY(m_project->superclassProblem().contains(QLatin1String("these do not: dog")));
    setCell(d, QStringLiteral("dog"), QStringLiteral("pet"));
    QVERIFY(d.statusText().contains(QLatin1String("CIFAR-100 style")));
}

void TestSuperclassesDialog::loadFromJsonAndCsv()
{
    const QString json = m_dir->filePath(QStringLiteral("map.json"));
    QVERIFY(writeFile(json, R"({"airplane": "vehicle", "truck": "vehicle", "cat": "animal", "dog": null})"));
    ui::SuperclassesDialog d(m_project.get());
    QVERIFY2(d.loadFile(json), qPrintable(d.errorText()));
    QVERIFY(d.statusText().contains(QLatin1String("dog")));
    // The CSV (with a header, quotes and a quoted comma) overrides what it names; other rows stay.
    const QString csv = m_dir->filePath(QStringLiteral("map.csv"));
    QVERIFY(writeFile(csv, "class,superclass\n\"dog\",\"animal, large\"\ncat,\"animal, large\"\n"));
    QVERIFY2(d.loadFile(csv), qPrintable(d.errorText()));
    QVERIFY(d.statusText().contains(QLatin1String("Superclasses (2): animal, large, vehicle.")));
    QCOMPARE(stored().value(QStringLiteral("<nulls>")), QStringLiteral("4")); // still nothing written
    QVERIFY(d.apply());
    const auto s = stored();
    QCOMPARE(s.value(QStringLiteral("airplane")), QStringLiteral("vehicle"));
    QCOMPARE(s.value(QStringLiteral("truck")), QStringLiteral("vehicle"));
    QCOMPARE(s.value(QStringLiteral("cat")), QStringLiteral("animal, large"));
    QCOMPARE(s.value(QStringLiteral("dog")), QStringLiteral("animal, large"));
}

void TestSuperclassesDialog::badFilesLoadNothing()
{
    ui::SuperclassesDialog d(m_project.get());
    setCell(d, QStringLiteral("cat"), QStringLiteral("pet"));
    const QString unknown = m_dir->filePath(QStringLiteral("unknown.json"));
    QVERIFY(writeFile(unknown, R"({"airplane": "vehicle", "zebra": "animal"})"));
    QVERIFY(!d.loadFile(unknown));
    QVERIFY2(d.errorText().contains(QLatin1String("zebra")), qPrintable(d.errorText()));
    const QString broken = m_dir->filePath(QStringLiteral("broken.csv"));
    QVERIFY(writeFile(broken, "airplane,vehicle\ncat\n"));
    QVERIFY(!d.loadFile(broken));
    QVERIFY2(d.errorText().contains(QLatin1String("broken.csv: line 2")), qPrintable(d.errorText()));
    // Neither file changed a cell: airplane has none, cat keeps the edit.
    QCOMPARE(d.table()->item(0, ui::SuperclassesDialog::SuperclassCol)->text(), QString());
    QCOMPARE(d.table()->item(1, ui::SuperclassesDialog::SuperclassCol)->text(), QStringLiteral("pet"));
    QVERIFY(!d.loadFile(m_dir->filePath(QStringLiteral("missing.csv"))));
    QVERIFY(d.errorText().contains(QLatin1String("cannot open")));
}

void TestSuperclassesDialog::cancelChangesNothing()
{
    QVERIFY(m_project->setSuperclasses({{QStringLiteral("cat"), QStringLiteral("pet")}}));
    const QString json = m_dir->filePath(QStringLiteral("map.json"));
    QVERIFY(writeFile(json, R"({"airplane": "vehicle", "truck": "vehicle", "dog": "pet"})"));
    ui::SuperclassesDialog d(m_project.get());
    setCell(d, QStringLiteral("cat"), QString());
    QVERIFY(d.loadFile(json));
    d.reject();
    const auto s = stored();
    QCOMPARE(s.value(QStringLiteral("cat")), QStringLiteral("pet"));
    QCOMPARE(s.value(QStringLiteral("<nulls>")), QStringLiteral("3"));
}

void TestSuperclassesDialog::exportPreviewSaysTheStyle()
{
    // The export dialog over core (as File > Export runs it), with the project open as in the main window.
    ui::ExportDialog d(ui::coreExportBackend(m_path));
    const auto previewText = [&] {
        d.refreshPreview();
        QStringList texts;
        for (const QLabel *l : d.findChildren<QLabel *>())
            texts << l->text();
        return texts.join(QLatin1Char('\n'));
    };
    QVERIFY2(previewText().contains(QLatin1String("CIFAR-10 style (no superclasses).")), qPrintable(previewText()));
    QVERIFY(m_project->setSuperclasses({{QStringLiteral("cat"), QStringLiteral("pet")}}));
    // Mixed: the dry run fails as the export would, naming the classes without one.
    QString text = previewText();
    QVERIFY2(text.contains(QLatin1String("Dry run failed")) && text.contains(QLatin1String("airplane")),
             qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("CIFAR-10 style")) && !text.contains(QLatin1String("CIFAR-100 style (")));
    QVERIFY(m_project->setSuperclasses({{QStringLiteral("airplane"), QStringLiteral("vehicle")},
                                        {QStringLiteral("dog"), QStringLiteral("pet")},
                                        {QStringLiteral("truck"), QStringLiteral("vehicle")}}));
    text = previewText();
    QVERIFY2(text.contains(QLatin1String("CIFAR-100 style (superclasses as coarse labels: 2).")), qPrintable(text));
}

void TestSuperclassesDialog::screenshot()
{
    // For looking at (TC_SCREENSHOT_DIR set): the dialog in a mixed state.
    const QString dir = qEnvironmentVariable("TC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("TC_SCREENSHOT_DIR not set");
    ui::SuperclassesDialog d(m_project.get());
    setCell(d, QStringLiteral("airplane"), QStringLiteral("vehicle"));
    setCell(d, QStringLiteral("cat"), QStringLiteral("pet"));
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QVERIFY(d.grab().save(dir + QStringLiteral("/superclasses-dialog.png")));
    // Complete, with the editor open on the last row.
    setCell(d, QStringLiteral("dog"), QStringLiteral("pet"));
    QTableWidgetItem *truck = d.table()->item(3, ui::SuperclassesDialog::SuperclassCol);
    d.table()->setCurrentItem(truck);
    d.table()->editItem(truck);
    auto *combo = qobject_cast<QComboBox *>(d.table()->indexWidget(d.table()->indexFromItem(truck)));
    QVERIFY(combo);
    QTest::keyClicks(combo, QStringLiteral("vehicle"));
    QVERIFY(d.grab().save(dir + QStringLiteral("/superclasses-dialog-editing.png")));
}

QTEST_MAIN(TestSuperclassesDialog)
#include "TestSuperclassesDialog.moc"
