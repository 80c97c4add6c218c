#include "ui/MainWindow.h"
#include "ui/MainWindowAssembly.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TinyCurator"));
    QApplication::setOrganizationName(QStringLiteral("TinyCurator"));
    QApplication::setApplicationVersion(QStringLiteral(TC_VERSION));

    // The translations are compiled in (qt_add_translations); English is the source language.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("tinycurator"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    // Qt's own strings (standard buttons, wizard Next/Finish) come from Qt's catalogue, installed by
    // Debian's qt6-translations-l10n; without it those stay English.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Build CIFAR-style image datasets."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QApplication::translate("main", "Project file to open."));
    parser.process(app);

    // The same function the annotator-session test drives (tests/ui/TestAnnotatorSession.cpp).
    const auto window = tc::ui::createMainWindow();
    if (!parser.positionalArguments().isEmpty())
        window->openProject(parser.positionalArguments().constFirst());
    window->show();
    return app.exec();
}
