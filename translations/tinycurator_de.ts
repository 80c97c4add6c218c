<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Build CIFAR-style image datasets.</source>
        <translation>Bilddatensätze im CIFAR-Stil erstellen.</translation>
    </message>
    <message>
        <source>Project file to open.</source>
        <translation>Zu öffnende Projektdatei.</translation>
    </message>
</context>
<context>
    <name>tc::core::AcceptRule</name>
    <message>
        <source>the latest decision of any annotator counts</source>
        <translation>es zählt die letzte Entscheidung eines beliebigen Annotators</translation>
    </message>
    <message>
        <source>accepted when more annotators accept than reject or are unsure</source>
        <translation>angenommen, wenn mehr Annotatoren annehmen als ablehnen oder unsicher sind</translation>
    </message>
    <message>
        <source>accepted when all annotators accept; a disagreement waits for an adjudicator</source>
        <translation>angenommen, wenn alle Annotatoren annehmen; eine Uneinigkeit wartet auf eine Schiedsentscheidung</translation>
    </message>
    <message>
        <source>accepted only when all annotators accept; one reject or unsure keeps it out</source>
        <translation>nur angenommen, wenn alle Annotatoren annehmen; ein „Ablehnen“ oder „Unsicher“ schließt ihn aus</translation>
    </message>
</context>
<context>
    <name>tc::core::DedupSettingsStore</name>
    <message>
        <source>the L2 threshold %1 is above the L2 up to which the stored search found every shifted or mirrored pair (%2); search again to flag pairs up to %1</source>
        <translation>der L2-Schwellenwert %1 liegt über dem L2, bis zu dem die gespeicherte Suche jedes verschobene oder gespiegelte Paar gefunden hat (%2); erneut suchen, um Paare bis %1 zu markieren</translation>
    </message>
    <message>
        <source>the search options (%1) differ from those of the stored pairs (%2)</source>
        <translation>die Suchoptionen (%1) weichen von denen der gespeicherten Paare ab (%2)</translation>
    </message>
    <message>
        <source>the project&apos;s duplicate settings are invalid (%1)</source>
        <translation>die Duplikat-Einstellungen des Projekts sind ungültig (%1)</translation>
    </message>
    <message>
        <source>reference set &quot;%1&quot; was never searched</source>
        <translation>Referenzmenge „%1“ wurde nie durchsucht</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s) were added since reference set &quot;%1&quot; was searched</source>
        <translation>
            <numerusform>%n Kandidat wurde hinzugefügt, seit Referenzmenge „%1“ durchsucht wurde</numerusform>
            <numerusform>%n Kandidaten wurden hinzugefügt, seit Referenzmenge „%1“ durchsucht wurde</numerusform>
        </translation>
    </message>
    <message>
        <source>the stored pairs were measured by an older version that did not record the search mode</source>
        <translation>die gespeicherten Paare wurden von einer älteren Version gemessen, die den Suchmodus nicht aufzeichnete</translation>
    </message>
</context>
<context>
    <name>tc::core::DisputeListModel</name>
    <message>
        <source>Candidate</source>
        <translation>Kandidat</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>Tiny index</source>
        <translation>Tiny-Index</translation>
    </message>
    <message>
        <source>Adjudication</source>
        <translation>Schiedsentscheidung</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Endgültig</translation>
    </message>
</context>
<context>
    <name>tc::core::Exporter</name>
    <message>
        <source>the train split would be empty (%1 train and %2 test images selected); an export needs both</source>
        <translation>die Trainingsmenge wäre leer (%1 Trainings- und %2 Testbilder ausgewählt); ein Export braucht beide</translation>
    </message>
    <message>
        <source>the test split would be empty (%1 train and %2 test images selected); an export needs both</source>
        <translation>die Testmenge wäre leer (%1 Trainings- und %2 Testbilder ausgewählt); ein Export braucht beide</translation>
    </message>
</context>
<context>
    <name>tc::core::FinalShift</name>
    <message>
        <source>%1 became accepted, %2 no longer accepted</source>
        <translation>%1 neu angenommen, %2 nicht mehr angenommen</translation>
    </message>
    <message numerus="yes">
        <source>, %n other final verdict(s) changed</source>
        <translation>
            <numerusform>, %n weitere endgültige Entscheidung geändert</numerusform>
            <numerusform>, %n weitere endgültige Entscheidungen geändert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::core::PairListModel</name>
    <message>
        <source>no pair at row %1</source>
        <translation>kein Paar in Zeile %1</translation>
    </message>
    <message>
        <source>%1 (%2 / %3) and %4 #%5 (%6)</source>
        <translation>%1 (%2 / %3) und %4 #%5 (%6)</translation>
    </message>
</context>
<context>
    <name>tc::core::PairTransform</name>
    <message>
        <source>same alignment</source>
        <translation>gleiche Ausrichtung</translation>
    </message>
    <message>
        <source>%1 px right</source>
        <translation>%1 px nach rechts</translation>
    </message>
    <message>
        <source>%1 px left</source>
        <translation>%1 px nach links</translation>
    </message>
    <message>
        <source>%1 px down</source>
        <translation>%1 px nach unten</translation>
    </message>
    <message>
        <source>%1 px up</source>
        <translation>%1 px nach oben</translation>
    </message>
    <message>
        <source>shifted %1 and %2</source>
        <translation>verschoben um %1 und %2</translation>
    </message>
    <message>
        <source>shifted %1</source>
        <translation>verschoben um %1</translation>
    </message>
    <message>
        <source>mirrored</source>
        <translation>gespiegelt</translation>
    </message>
    <message>
        <source>mirrored, %1</source>
        <translation>gespiegelt, %1</translation>
    </message>
</context>
<context>
    <name>tc::ui::AddReferenceDialog</name>
    <message>
        <source>Add Reference Set</source>
        <translation>Referenzmenge hinzufügen</translation>
    </message>
    <message>
        <source>e.g. cifar10-test</source>
        <translation>z. B. cifar10-test</translation>
    </message>
    <message>
        <source>Exclude: matches are removed (CIFAR-10 test, CIFAR-10.1)</source>
        <translation>Ausschließen: Treffer werden entfernt (CIFAR-10-Test, CIFAR-10.1)</translation>
    </message>
    <message>
        <source>Avoid: matches are used last (CIFAR-10 train)</source>
        <translation>Nachrangig: Treffer werden zuletzt verwendet (CIFAR-10-Training)</translation>
    </message>
    <message>
        <source>a batch file, a cifar-10-batches-py/-bin folder, .npy/.npz or an image folder</source>
        <translation>eine Batch-Datei, ein Ordner cifar-10-batches-py/-bin, .npy/.npz oder ein Bildordner</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation>&amp;Pfad:</translation>
    </message>
    <message>
        <source>File...</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <source>Folder...</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <source>Reference Images</source>
        <translation>Referenzbilder</translation>
    </message>
    <message>
        <source>Image sets (*batch* *.bin *.npy *.npz);;All files (*)</source>
        <translation>Bildmengen (*batch* *.bin *.npy *.npz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reference Folder</source>
        <translation>Referenzordner</translation>
    </message>
    <message>
        <source>Candidates matching this set are kept but used only after all others.</source>
        <translation>Kandidaten, die in dieser Menge vorkommen, werden behalten, aber erst nach allen anderen verwendet.</translation>
    </message>
    <message>
        <source>Candidates matching this set exactly are removed; near matches go to review.</source>
        <translation>Kandidaten, die exakt in dieser Menge vorkommen, werden entfernt; ähnliche Treffer werden zur Prüfung vorgelegt.</translation>
    </message>
</context>
<context>
    <name>tc::ui::AgreementDialog</name>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Annotator Agreement</source>
        <translation>Annotator-Übereinstimmung</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Gemeinsam</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>Übereinstimmend</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation>Cohens Kappa</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen:</translation>
    </message>
    <message>
        <source>with</source>
        <translation>mit</translation>
    </message>
    <message>
        <source>Agreement needs two different annotators who decided some of the same candidates.</source>
        <translation>Für die Übereinstimmung sind zwei verschiedene Annotatoren nötig, die teilweise dieselben Kandidaten entschieden haben.</translation>
    </message>
    <message>
        <source>(all classes)</source>
        <translation>(alle Klassen)</translation>
    </message>
    <message>
        <source>(all keywords)</source>
        <translation>(alle Schlagwörter)</translation>
    </message>
    <message>
        <source>&amp;Unsettled only</source>
        <translation>Nur &amp;ungeklärte</translation>
    </message>
    <message>
        <source>&amp;Accept (A)</source>
        <translation>&amp;Annehmen (A)</translation>
    </message>
    <message>
        <source>&amp;Reject (R)</source>
        <translation>A&amp;blehnen (R)</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Rückgängig (Strg+Z)</translation>
    </message>
    <message>
        <source>&amp;Import decisions...</source>
        <translation>&amp;Entscheidungen importieren…</translation>
    </message>
    <message>
        <source>Settle as %1:</source>
        <translation>Als %1 entscheiden:</translation>
    </message>
    <message>
        <source>%1 and %2 decided %3 candidate(s) alike out of %4 shared (kappa %5).</source>
        <translation>%1 und %2 haben %3 von %4 gemeinsamen Kandidaten gleich entschieden (Kappa %5).</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n conflict(s)&lt;/b&gt; listed, %1 unsettled. Accept rule: &lt;b&gt;%2&lt;/b&gt; (%3). An adjudication settles a candidate under every rule.</source>
        <translation>
            <numerusform>&lt;b&gt;%n Konflikt&lt;/b&gt; aufgelistet, %1 ungeklärt. Annahmeregel: &lt;b&gt;%2&lt;/b&gt; (%3). Eine Schiedsentscheidung klärt einen Kandidaten unter jeder Regel.</numerusform>
            <numerusform>&lt;b&gt;%n Konflikte&lt;/b&gt; aufgelistet, %1 ungeklärt. Annahmeregel: &lt;b&gt;%2&lt;/b&gt; (%3). Eine Schiedsentscheidung klärt einen Kandidaten unter jeder Regel.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not record the adjudication: %1</source>
        <translation>Die Schiedsentscheidung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Candidate %1 settled as %2 by %3 (Ctrl+Z undoes).</source>
        <translation>Kandidat %1 durch %3 entschieden: %2 (Strg+Z macht es rückgängig).</translation>
    </message>
    <message>
        <source>No adjudication of %1 to undo.</source>
        <translation>Keine Schiedsentscheidung von %1 rückgängig zu machen.</translation>
    </message>
    <message>
        <source>Could not undo: %1</source>
        <translation>Rückgängig machen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Undone: the adjudication of candidate %1.</source>
        <translation>Rückgängig gemacht: die Schiedsentscheidung zu Kandidat %1.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Nichts wurde importiert: %1</translation>
    </message>
    <message>
        <source>Imported %1 decision(s) (%2 already in the project). Final verdicts under the accept rule &apos;%3&apos;: %4.</source>
        <translation>Importierte Entscheidungen: %1 (%2 bereits im Projekt). Endgültige Entscheidungen nach der Annahmeregel „%3“: %4.</translation>
    </message>
    <message>
        <source>Import Decisions</source>
        <translation>Entscheidungen importieren</translation>
    </message>
    <message>
        <source>Decisions CSV (*.csv);;All files (*)</source>
        <translation>CSV mit Entscheidungen (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>This window opened the project read-only (another program is writing it, or its folder cannot be written): decisions cannot be imported here.</source>
        <translation>Dieses Fenster hat das Projekt schreibgeschützt geöffnet (ein anderes Programm schreibt es, oder sein Ordner ist nicht beschreibbar): Entscheidungen können hier nicht importiert werden.</translation>
    </message>
    <message>
        <source>Importing decisions from %1...</source>
        <translation>Entscheidungen werden aus %1 importiert …</translation>
    </message>
    <message>
        <source>Cancelling the import...</source>
        <translation>Import wird abgebrochen …</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was recorded.</source>
        <translation>Import abgebrochen: Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The import had finished before the cancel arrived.</source>
        <translation>Der Import war abgeschlossen, bevor der Abbruch ankam.</translation>
    </message>
    <message>
        <source>An import is running: cancel it or wait for it to finish before closing.</source>
        <translation>Ein Import läuft: Brechen Sie ihn ab oder warten Sie, bis er fertig ist, bevor Sie schließen.</translation>
    </message>
</context>
<context>
    <name>tc::ui::AnnotatorDialog</name>
    <message>
        <source>Who is annotating?</source>
        <translation>Wer annotiert?</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>Each annotator&apos;s decisions are kept separately, so two people can verify the same candidates and their agreement can be measured.
Choose your name or type a new one:</source>
        <translation>Die Entscheidungen jedes Annotators werden getrennt gespeichert, sodass zwei Personen dieselben Kandidaten prüfen können und ihre Übereinstimmung gemessen werden kann.
Wählen Sie Ihren Namen oder geben Sie einen neuen ein:</translation>
    </message>
</context>
<context>
    <name>tc::ui::ClassShareChart</name>
    <message>
        <source>% of the class&apos;s candidates</source>
        <translation>% der Kandidaten der Klasse</translation>
    </message>
</context>
<context>
    <name>tc::ui::ExactGroupsLook</name>
    <message numerus="yes">
        <source>Copy of %1 (exclude): %n candidate(s), removed from export, not reviewed</source>
        <translation>
            <numerusform>Kopie von %1 (Ausschluss): %n Kandidat, aus dem Export entfernt, nicht geprüft</numerusform>
            <numerusform>Kopie von %1 (Ausschluss): %n Kandidaten, aus dem Export entfernt, nicht geprüft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy of %1 (avoid): %n candidate(s), used last in export</source>
        <translation>
            <numerusform>Kopie von %1 (nachrangig): %n Kandidat, im Export zuletzt verwendet</numerusform>
            <numerusform>Kopie von %1 (nachrangig): %n Kandidaten, im Export zuletzt verwendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identical candidate(s): all removed</source>
        <translation>
            <numerusform>%n identischer Kandidat: entfernt</numerusform>
            <numerusform>%n identische Kandidaten: alle entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identical candidate(s): export keeps %1</source>
        <translation>
            <numerusform>%n identischer Kandidat: Export behält %1</numerusform>
            <numerusform>%n identische Kandidaten: Export behält %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 reference) - %3</source>
        <translation>%1 (%2-Referenz) – %3</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>kein Label</translation>
    </message>
    <message>
        <source>%1 - %2 / %3 - %4</source>
        <translation>%1 – %2 / %3 – %4</translation>
    </message>
    <message>
        <source>KEPT</source>
        <translation>BEHALTEN</translation>
    </message>
    <message>
        <source>removed (copy of an exclude image)</source>
        <translation>entfernt (Kopie aus Ausschlussmenge)</translation>
    </message>
    <message>
        <source>removed (identical copy)</source>
        <translation>entfernt (identische Kopie)</translation>
    </message>
    <message>
        <source>removed (near duplicate)</source>
        <translation>entfernt (Beinahe-Duplikat)</translation>
    </message>
    <message>
        <source>a reference image</source>
        <translation>ein Referenzbild</translation>
    </message>
</context>
<context>
    <name>tc::ui::ExportBackend</name>
    <message>
        <source>Removed before selection: %1 internal exact copies, %2 copies of exclude sets, %3 marked duplicate, %4 unreviewed above the thresholds.</source>
        <translation>Vor der Auswahl entfernt: %1 exakte Kopien innerhalb des Projekts, %2 Kopien aus Ausschlussmengen, %3 als Duplikat markiert, %4 ungeprüft über den Schwellenwerten.</translation>
    </message>
</context>
<context>
    <name>tc::ui::ExportDialog</name>
    <message>
        <source>CIFAR python batches</source>
        <translation>CIFAR-Python-Batches</translation>
    </message>
    <message>
        <source>CIFAR binary batches</source>
        <translation>CIFAR-Binär-Batches</translation>
    </message>
    <message>
        <source>numpy .npz (CIFAR-10.2 style)</source>
        <translation>numpy .npz (wie CIFAR-10.2)</translation>
    </message>
    <message>
        <source>numpy .npy (CIFAR-10.1 style)</source>
        <translation>numpy .npy (wie CIFAR-10.1)</translation>
    </message>
    <message>
        <source>Export Dataset</source>
        <translation>Datensatz exportieren</translation>
    </message>
    <message>
        <source>Dry run: what would be exported</source>
        <translation>Probelauf: was exportiert würde</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Overwrite existing files</source>
        <translation>Vorhandene Dateien überschreiben</translation>
    </message>
    <message>
        <source>Images per &amp;class:</source>
        <translation>Bilder pro &amp;Klasse:</translation>
    </message>
    <message>
        <source>&amp;Test fraction:</source>
        <translation>&amp;Testanteil:</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>&amp;Startwert:</translation>
    </message>
    <message>
        <source>Accepted means:</source>
        <translation>Angenommen heißt:</translation>
    </message>
    <message>
        <source>Formats:</source>
        <translation>Formate:</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>&amp;Ausgabeordner:</translation>
    </message>
    <message>
        <source>Leave out unreviewed pairs above the duplicate thresholds</source>
        <translation>Ungeprüfte Paare über den Duplikat-Schwellenwerten auslassen</translation>
    </message>
    <message>
        <source>folder the dataset is written to</source>
        <translation>Ordner, in den der Datensatz geschrieben wird</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation>Ordner ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 train / %2 test per class</source>
        <translation>%1 Training / %2 Test pro Klasse</translation>
    </message>
    <message>
        <source>Dry run failed: %1</source>
        <translation>Probelauf fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) short of the target: the highlighted classes need more accepted candidates.</source>
        <translation>
            <numerusform>Bis zum Ziel fehlt %n Bild: Die hervorgehobenen Klassen brauchen mehr angenommene Kandidaten.</numerusform>
            <numerusform>Bis zum Ziel fehlen %n Bilder: Die hervorgehobenen Klassen brauchen mehr angenommene Kandidaten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every class reaches its target.</source>
        <translation>Jede Klasse erreicht ihr Ziel.</translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation>Exportordner</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %1 train and %2 test images in %n file(s) to %3.</source>
        <translation>
            <numerusform>%1 Trainings- und %2 Testbilder in %n Datei nach %3 exportiert.</numerusform>
            <numerusform>%1 Trainings- und %2 Testbilder in %n Dateien nach %3 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>CIFAR-10 style (no superclasses).</source>
        <translation>CIFAR-10-Format (keine Oberklassen).</translation>
    </message>
    <message>
        <source>CIFAR-100 style (superclasses as coarse labels: %1).</source>
        <translation>CIFAR-100-Format (Oberklassen als grobe Labels: %1).</translation>
    </message>
    <message>
        <source>Set the missing ones in Tools &gt; Superclasses...</source>
        <translation>Die fehlenden lassen sich unter Extras &gt; Oberklassen… setzen.</translation>
    </message>
    <message>
        <source>Starts at the project&apos;s target per class</source>
        <translation>Voreingestellt auf das Ziel pro Klasse des Projekts</translation>
    </message>
    <message>
        <source>the project&apos;s accept rule: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>laut Annahmeregel des Projekts: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The duplicate search is not current (%1): Export offers to run it first.</source>
        <translation>Die Duplikatsuche ist nicht aktuell (%1): „Exportieren“ bietet an, sie vorher auszuführen.</translation>
    </message>
    <message>
        <source>Export not started: %1</source>
        <translation>Export nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Some classes have fewer images than the %1 per class you asked for:

%2

Write the export with these classes short?</source>
        <translation>Einige Klassen haben weniger Bilder als die gewünschten %1 pro Klasse:

%2

Export trotzdem mit diesen unvollständigen Klassen schreiben?</translation>
    </message>
    <message>
        <source>Classes Short of the Target</source>
        <translation>Klassen unter dem Ziel</translation>
    </message>
    <message>
        <source>Write Short Classes</source>
        <translation>Trotzdem exportieren</translation>
    </message>
    <message>
        <source>The duplicate search is not current, so the export could contain copies of reference (test) images:

%1

Run the duplicate search now? It runs in the background with the project&apos;s settings; the export starts when it has finished.</source>
        <translation>Die Duplikatsuche ist nicht aktuell, daher könnte der Export Kopien von Referenzbildern (Testbildern) enthalten:

%1

Duplikatsuche jetzt starten? Sie läuft im Hintergrund mit den Einstellungen des Projekts; der Export beginnt, sobald sie abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Export not started: the duplicate search is not current (%1). Run it in the Duplicates tab.</source>
        <translation>Export nicht gestartet: Die Duplikatsuche ist nicht aktuell (%1). Starten Sie sie im Reiter „Duplikate“.</translation>
    </message>
    <message>
        <source>Duplicate Search Needed</source>
        <translation>Duplikatsuche erforderlich</translation>
    </message>
    <message>
        <source>Search, Then Export</source>
        <translation>Suchen, dann exportieren</translation>
    </message>
    <message>
        <source>Searching duplicates before the export...</source>
        <translation>Duplikate werden vor dem Export gesucht …</translation>
    </message>
    <message>
        <source>Duplicate search cancelled; nothing was exported and the stored search is unchanged.</source>
        <translation>Duplikatsuche abgebrochen; nichts wurde exportiert, die gespeicherte Suche ist unverändert.</translation>
    </message>
    <message>
        <source>Duplicate search failed: %1. Nothing was exported.</source>
        <translation>Duplikatsuche fehlgeschlagen: %1. Nichts wurde exportiert.</translation>
    </message>
    <message>
        <source>The project&apos;s target per class could not be read: %1</source>
        <translation>Das Ziel pro Klasse des Projekts konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The same project, settings and seed give byte-identical output (0 to %1)</source>
        <translation>Gleiches Projekt, gleiche Einstellungen und gleicher Startwert ergeben byte-identische Ausgabe (0 bis %1)</translation>
    </message>
    <message>
        <source>The seed must be a whole number from 0 to %1.</source>
        <translation>Der Startwert muss eine ganze Zahl von 0 bis %1 sein.</translation>
    </message>
</context>
<context>
    <name>tc::ui::ExportPreviewTable</name>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>In avoid set</source>
        <translation>In nachrangiger Menge</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Shortfall</source>
        <translation>Fehlmenge</translation>
    </message>
    <message>
        <source>Keyword deviation</source>
        <translation>Schlagwort-Abweichung</translation>
    </message>
    <message>
        <source>Accepted candidates left after duplicate removal</source>
        <translation>Angenommene Kandidaten, die nach dem Entfernen der Duplikate übrig bleiben</translation>
    </message>
    <message>
        <source>Available candidates that also occur in an avoid set (e.g. CIFAR-10 train); they are used last</source>
        <translation>Verfügbare Kandidaten, die auch in einer nachrangigen Referenzmenge vorkommen (z. B. CIFAR-10-Training); sie werden zuletzt verwendet</translation>
    </message>
    <message>
        <source>Largest difference between a keyword&apos;s share of the selection and its catalog share</source>
        <translation>Größte Differenz zwischen dem Anteil eines Schlagworts an der Auswahl und seinem Anteil im Katalog</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation>%L1 Pp.</translation>
    </message>
    <message>
        <source>%1 pp (%2)</source>
        <translation>%L1 Pp. (%2)</translation>
    </message>
</context>
<context>
    <name>tc::ui::GridModeView</name>
    <message>
        <source>Commit page (Enter)</source>
        <translation>Seite übernehmen (Enter)</translation>
    </message>
    <message>
        <source>Tiles per page:</source>
        <translation>Kacheln pro Seite:</translation>
    </message>
    <message>
        <source>Is each image a &lt;b&gt;%1&lt;/b&gt;? &lt;span style=&quot;font-weight:normal&quot;&gt;keyword: &lt;i&gt;%2&lt;/i&gt;&lt;/span&gt;</source>
        <translation>Zeigt jedes Bild &lt;b&gt;%1&lt;/b&gt;? &lt;span style=&quot;font-weight:normal&quot;&gt;Schlagwort: &lt;i&gt;%2&lt;/i&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1 on this page: %2 accept, %3 reject, %4 unsure (%5 decided before, %6 of them changed). Enter records %7. Click or Space toggles reject; Y, N, U set the tile under the cursor.</source>
        <translation>%1 auf dieser Seite: %2 angenommen, %3 abgelehnt, %4 unsicher (%5 schon entschieden, davon %6 geändert). Enter speichert %7. Klick oder Leertaste schaltet Ablehnen um; Y, N, U setzen die Kachel unter dem Cursor.</translation>
    </message>
    <message>
        <source>keyword %1</source>
        <translation>Schlagwort %1</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
</context>
<context>
    <name>tc::ui::ImportPage</name>
    <message>
        <source>%1 candidates imported, %2 were already in the project.</source>
        <translation>%1 Kandidaten importiert, %2 waren bereits im Projekt.</translation>
    </message>
    <message>
        <source>Catalog keywords absent from the source: %1</source>
        <translation>Katalog-Schlagwörter, die in der Quelle fehlen: %1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Importing into %1 ...</source>
        <translation>Import in %1 läuft …</translation>
    </message>
    <message>
        <source>Import finished. Press Finish to open the project.</source>
        <translation>Import abgeschlossen. Klicken Sie auf „Fertig“, um das Projekt zu öffnen.</translation>
    </message>
    <message>
        <source>Import cancelled. What was committed stays; run it again to complete it.</source>
        <translation>Import abgebrochen. Bereits Übernommenes bleibt erhalten; starten Sie den Import erneut, um ihn abzuschließen.</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>tc::ui::MainWindow</name>
    <message>
        <source>TinyCurator</source>
        <translation>TinyCurator</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>&amp;Statistik</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Project...</source>
        <translation>&amp;Neues Projekt…</translation>
    </message>
    <message>
        <source>&amp;Open Project...</source>
        <translation>Projekt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>TinyCurator projects (*.tcproj)</source>
        <translation>TinyCurator-Projekte (*.tcproj)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>Projekt s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo Last Decision</source>
        <translation>Letzte Entscheidung &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Single Image</source>
        <translation>&amp;Einzelbild</translation>
    </message>
    <message>
        <source>&amp;Grid Page</source>
        <translation>&amp;Rasterseite</translation>
    </message>
    <message>
        <source>S&amp;mooth Scaling</source>
        <translation>&amp;Geglättete Skalierung</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>Switch &amp;Annotator...</source>
        <translation>&amp;Annotator wechseln…</translation>
    </message>
    <message>
        <source>Annotator A&amp;greement...</source>
        <translation>Annotator-Ü&amp;bereinstimmung…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About TinyCurator</source>
        <translation>Ü&amp;ber TinyCurator</translation>
    </message>
    <message>
        <source>About TinyCurator</source>
        <translation>Über TinyCurator</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;p&gt;Build CIFAR-style image datasets: verify Tiny Images candidates, remove duplicates, export with provenance.&lt;/p&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;p&gt;Bilddatensätze im CIFAR-Stil erstellen: Kandidaten aus Tiny Images prüfen, Duplikate entfernen, mit Herkunftsangaben exportieren.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open a project to start verifying candidates.</source>
        <translation>Öffnen Sie ein Projekt, um mit dem Prüfen der Kandidaten zu beginnen.</translation>
    </message>
    <message>
        <source>Cannot open the project: %1</source>
        <translation>Das Projekt kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>%1 - TinyCurator</source>
        <translation>%1 – TinyCurator</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Annotator: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Annotator: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 of %2 decided by you</source>
        <translation>%1 von %2 von Ihnen entschieden</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>Öffnen Sie zuerst ein Projekt.</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Superclasses...</source>
        <translation>&amp;Oberklassen…</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Single image&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;h3&gt;Grid page&lt;/h3&gt;&lt;p&gt;One keyword of one class per page; decided tiles are framed in their verdict&apos;s colour.&lt;br&gt;Click or &lt;b&gt;Space&lt;/b&gt;: toggle accept / reject&lt;br&gt;&lt;b&gt;Y&lt;/b&gt;, &lt;b&gt;N&lt;/b&gt;, &lt;b&gt;U&lt;/b&gt;: set the tile under the cursor&lt;br&gt;Arrow keys: move the cursor&lt;br&gt;&lt;b&gt;Enter&lt;/b&gt;: record the undecided and changed tiles, open the next page&lt;br&gt;&lt;b&gt;Ctrl+Z&lt;/b&gt;: undo the last page (it comes back with its marks)&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ctrl+1&lt;/b&gt; / &lt;b&gt;Ctrl+2&lt;/b&gt;: single / grid mode; &lt;b&gt;Ctrl+M&lt;/b&gt;: smooth scaling&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Einzelbild&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;h3&gt;Rasterseite&lt;/h3&gt;&lt;p&gt;Ein Schlagwort einer Klasse pro Seite; entschiedene Kacheln sind in der Farbe ihrer Entscheidung umrahmt.&lt;br&gt;Klick oder &lt;b&gt;Leertaste&lt;/b&gt;: zwischen Annehmen und Ablehnen umschalten&lt;br&gt;&lt;b&gt;Y&lt;/b&gt;, &lt;b&gt;N&lt;/b&gt;, &lt;b&gt;U&lt;/b&gt;: Kachel unter dem Cursor setzen&lt;br&gt;Pfeiltasten: Cursor bewegen&lt;br&gt;&lt;b&gt;Enter&lt;/b&gt;: unentschiedene und geänderte Kacheln speichern, nächste Seite öffnen&lt;br&gt;&lt;b&gt;Strg+Z&lt;/b&gt;: letzte Seite rückgängig machen (sie kehrt mit ihren Markierungen zurück)&lt;/p&gt;&lt;p&gt;&lt;b&gt;Strg+1&lt;/b&gt; / &lt;b&gt;Strg+2&lt;/b&gt;: Einzelbild / Rasterseite; &lt;b&gt;Strg+M&lt;/b&gt;: geglättete Skalierung&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Read-only&lt;/b&gt;: %1 is writing this project. Close it there to record decisions here.</source>
        <translation>&lt;b&gt;Schreibgeschützt&lt;/b&gt;: %1 schreibt gerade in dieses Projekt. Schließen Sie es dort, um hier Entscheidungen zu speichern.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Read-only&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;Schreibgeschützt&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <source>in use by %1</source>
        <translation>in Benutzung durch %1</translation>
    </message>
    <message>
        <source>its folder cannot be written</source>
        <translation>sein Ordner ist nicht beschreibbar</translation>
    </message>
    <message>
        <source>Accept rule: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Annahmeregel: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Quotas, statistics and export count a candidate as accepted under this rule: %1. Change it on the Statistics tab.</source>
        <translation>Quoten, Statistik und Export zählen einen Kandidaten nach dieser Regel als angenommen: %1. Ändern lässt sie sich im Reiter Statistik.</translation>
    </message>
    <message>
        <source>&amp;Duplicates</source>
        <translation>D&amp;uplikate</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>&amp;Export Dataset...</source>
        <translation>Datensatz &amp;exportieren…</translation>
    </message>
    <message>
        <source>Select, split and write the dataset (CIFAR and numpy formats)</source>
        <translation>Datensatz auswählen, aufteilen und schreiben (CIFAR- und numpy-Formate)</translation>
    </message>
</context>
<context>
    <name>tc::ui::NewProjectWizard</name>
    <message>
        <source>Where do the candidates come from?</source>
        <translation>Woher stammen die Kandidaten?</translation>
    </message>
    <message>
        <source>80 Million &amp;Tiny Images (binary + metadata) queried with a keyword catalog (keyword_counts.json)</source>
        <translation>80 Million &amp;Tiny Images (Binärdatei + Metadaten), abgefragt mit einem Schlagwortkatalog (keyword_counts.json)</translation>
    </message>
    <message>
        <source>An &amp;image folder laid out as &lt;class&gt;/&lt;keyword&gt;/&lt;file&gt; (JPEG, PNG, ...)</source>
        <translation>Ein &amp;Bildordner mit der Struktur &lt;Klasse&gt;/&lt;Schlagwort&gt;/&lt;Datei&gt; (JPEG, PNG, …)</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Inputs and project file</source>
        <translation>Eingaben und Projektdatei</translation>
    </message>
    <message>
        <source>Keyword catalogs (*.json)</source>
        <translation>Schlagwortkataloge (*.json)</translation>
    </message>
    <message>
        <source>every record</source>
        <translation>alle Einträge</translation>
    </message>
    <message>
        <source>Tiny Images folder:</source>
        <translation>Tiny-Images-Ordner:</translation>
    </message>
    <message>
        <source>Image folder:</source>
        <translation>Bildordner:</translation>
    </message>
    <message>
        <source>Keyword catalog:</source>
        <translation>Schlagwortkatalog:</translation>
    </message>
    <message>
        <source>Records per keyword:</source>
        <translation>Einträge pro Schlagwort:</translation>
    </message>
    <message>
        <source>Project file:</source>
        <translation>Projektdatei:</translation>
    </message>
    <message>
        <source>TinyCurator projects (*.tcproj)</source>
        <translation>TinyCurator-Projekte (*.tcproj)</translation>
    </message>
    <message>
        <source>The folder holds tiny_images.bin and tiny_metadata.bin.</source>
        <translation>Der Ordner enthält tiny_images.bin und tiny_metadata.bin.</translation>
    </message>
    <message>
        <source>Without a catalog, classes and keywords come from the folder names. The catalog is optional.</source>
        <translation>Ohne Katalog ergeben sich Klassen und Schlagwörter aus den Ordnernamen. Der Katalog ist optional.</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Folders are &lt;superclass&gt;/&lt;class&gt;/&lt;keyword&gt;/&lt;file&gt; (CIFAR-100 grouping)</source>
        <translation>Ordner sind &lt;Oberklasse&gt;/&lt;Klasse&gt;/&lt;Schlagwort&gt;/&lt;Datei&gt; (CIFAR-100-Gruppierung)</translation>
    </message>
    <message>
        <source>Each class gets its folder&apos;s superclass (its CIFAR-100 coarse label).</source>
        <translation>Jede Klasse erhält die Oberklasse ihres Ordners (ihr grobes CIFAR-100-Label).</translation>
    </message>
    <message>
        <source>Accepted images per class (target):</source>
        <translation>Angenommene Bilder pro Klasse (Ziel):</translation>
    </message>
    <message>
        <source>Keyword quotas:</source>
        <translation>Schlagwort-Quoten:</translation>
    </message>
    <message>
        <source>Choose the inputs to see the quotas.</source>
        <translation>Wählen Sie die Eingaben, um die Quoten zu sehen.</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>tc::ui::PairDetails</name>
    <message>
        <source>not reviewed</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>removed from export: an exact copy of an exclude-set image</source>
        <translation>aus dem Export entfernt: exakte Kopie eines Bilds aus einer Ausschlussmenge</translation>
    </message>
    <message>
        <source>removed from export: a pair with an exclude set is marked duplicate</source>
        <translation>aus dem Export entfernt: ein Paar mit einer Ausschlussmenge ist als Duplikat markiert</translation>
    </message>
    <message>
        <source>removed from export until reviewed: an unreviewed pair with an exclude set is above the thresholds</source>
        <translation>bis zur Prüfung aus dem Export entfernt: ein ungeprüftes Paar mit einer Ausschlussmenge liegt über den Schwellenwerten</translation>
    </message>
    <message>
        <source>removed from export: identical to another candidate, which is kept</source>
        <translation>aus dem Export entfernt: identisch mit einem anderen Kandidaten, der behalten wird</translation>
    </message>
    <message>
        <source>kept in export</source>
        <translation>im Export behalten</translation>
    </message>
    <message>
        <source>marked duplicate (avoid set: the candidate is used last)</source>
        <translation>als Duplikat markiert (nachrangige Menge: der Kandidat wird zuletzt verwendet)</translation>
    </message>
    <message>
        <source>marked duplicate</source>
        <translation>als Duplikat markiert</translation>
    </message>
    <message>
        <source>marked distinct (this pair does not remove the candidate)</source>
        <translation>als verschieden markiert (dieses Paar entfernt den Kandidaten nicht)</translation>
    </message>
    <message>
        <source>Scored where it lines up: the candidate matches the reference %1</source>
        <translation>Dort bewertet, wo es übereinstimmt: Der Kandidat entspricht der Referenz %1</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;td&gt;&lt;/td&gt;&lt;th&gt;Candidate&lt;/th&gt;&lt;th&gt;Reference&lt;/th&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Class&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Keyword&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Image&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;td&gt;%6 #%7 (%8)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;b&gt;SSIM %9 &amp;nbsp; L2 %10&lt;/b&gt; &amp;nbsp; pair %11&lt;br&gt;Candidate %12&lt;/p&gt;%13</source>
        <translation>&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;td&gt;&lt;/td&gt;&lt;th&gt;Kandidat&lt;/th&gt;&lt;th&gt;Referenz&lt;/th&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Klasse&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Schlagwort&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Bild&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;td&gt;%6 #%7 (%8)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;b&gt;SSIM %9 &amp;nbsp; L2 %10&lt;/b&gt; &amp;nbsp; Paar %11&lt;br&gt;Kandidat %12&lt;/p&gt;%13</translation>
    </message>
    <message>
        <source>exclude</source>
        <comment>reference set role: matches are removed</comment>
        <translation>Ausschluss</translation>
    </message>
    <message>
        <source>avoid</source>
        <comment>reference set role: matches are used last</comment>
        <translation>nachrangig</translation>
    </message>
</context>
<context>
    <name>tc::ui::PairView</name>
    <message>
        <source>|difference| x%1</source>
        <translation>|Differenz| ×%1</translation>
    </message>
    <message>
        <source>overlay (50 / 50)</source>
        <translation>Überlagerung (50 / 50)</translation>
    </message>
    <message>
        <source>%1, reference %2</source>
        <translation>%1, Referenz %2</translation>
    </message>
</context>
<context>
    <name>tc::ui::QuotaBar</name>
    <message>
        <source>%1 accepted for %2 (no quota)</source>
        <translation>%1 für %2 angenommen (keine Quote)</translation>
    </message>
    <message>
        <source>%1 of %2 accepted for %3</source>
        <translation>%1 von %2 für %3 angenommen</translation>
    </message>
    <message numerus="yes">
        <source>, %n more on this page</source>
        <translation>
            <numerusform>, %n mehr auf dieser Seite</numerusform>
            <numerusform>, %n mehr auf dieser Seite</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n fewer on this page</source>
        <translation>
            <numerusform>, %n weniger auf dieser Seite</numerusform>
            <numerusform>, %n weniger auf dieser Seite</numerusform>
        </translation>
    </message>
    <message>
        <source>Quota met if committed: %1</source>
        <translation>Quote erfüllt bei Übernahme: %1</translation>
    </message>
    <message>
        <source>Quota met: %1</source>
        <translation>Quote erfüllt: %1</translation>
    </message>
    <message>
        <source>OVER QUOTA by %1 if committed: %2</source>
        <translation>ÜBER QUOTE (+%1) bei Übernahme: %2</translation>
    </message>
    <message>
        <source>OVER QUOTA by %1: %2</source>
        <translation>ÜBER QUOTE (+%1): %2</translation>
    </message>
</context>
<context>
    <name>tc::ui::ReadOnlyBanner</name>
    <message>
        <source>Read-only</source>
        <translation>Schreibgeschützt</translation>
    </message>
    <message>
        <source>Open for &amp;Editing</source>
        <translation>Zum &amp;Bearbeiten öffnen</translation>
    </message>
    <message>
        <source>Open the project for recording decisions again, once the other program has closed it.</source>
        <translation>Öffnet das Projekt wieder zum Speichern von Entscheidungen, sobald das andere Programm es geschlossen hat.</translation>
    </message>
</context>
<context>
    <name>tc::ui::ReviewSession</name>
    <message>
        <source>Unknown reference role &quot;%1&quot; (exclude or avoid).</source>
        <translation>Unbekannte Referenzrolle „%1“ (exclude oder avoid).</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>distinct</source>
        <translation>verschieden</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>zu prüfen</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Reference set</source>
        <translation>Referenzmenge</translation>
    </message>
    <message>
        <source>Ref. index</source>
        <translation>Ref.-Index</translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
    <message>
        <source>L2</source>
        <translation>L2</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Kandidat</translation>
    </message>
</context>
<context>
    <name>tc::ui::ReviewStatsPanel</name>
    <message>
        <source>max SSIM</source>
        <translation>max. SSIM</translation>
    </message>
    <message>
        <source>candidates</source>
        <translation>Kandidaten</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Pro Klasse</translation>
    </message>
    <message>
        <source>Maximum SSIM of each candidate to any reference image; the dashed line is the threshold, candidates right of it are flagged</source>
        <translation>Höchste SSIM jedes Kandidaten zu einem Referenzbild; die gestrichelte Linie ist der Schwellenwert, Kandidaten rechts davon werden vorgemerkt</translation>
    </message>
    <message>
        <source>Minimum L2 distance (0-255 pixels) of each candidate to any reference image; the dashed line is the threshold, candidates left of it are flagged</source>
        <translation>Kleinster L2-Abstand (Pixelwerte 0–255) jedes Kandidaten zu einem Referenzbild; die gestrichelte Linie ist der Schwellenwert, Kandidaten links davon werden vorgemerkt</translation>
    </message>
    <message>
        <source>min L2</source>
        <translation>min. L2</translation>
    </message>
    <message>
        <source>Share of each class&apos;s candidates that export removes, by reason</source>
        <translation>Anteil der Kandidaten jeder Klasse, die der Export entfernt, nach Grund</translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
    <message>
        <source>L2</source>
        <translation>L2</translation>
    </message>
    <message>
        <source>Exact copies</source>
        <translation>Exakte Kopien</translation>
    </message>
    <message>
        <source>Byte-identical images: copies of reference images and identical candidates</source>
        <translation>Byte-identische Bilder: Kopien von Referenzbildern und identische Kandidaten</translation>
    </message>
    <message>
        <source>Exact copies (%1)</source>
        <translation>Exakte Kopien (%1)</translation>
    </message>
    <message>
        <source>%1 candidate(s) copy an exclude-set image: export removes them, they are not reviewed. %2 group(s) of identical candidates: export keeps one of each. %3 candidate(s) copy an avoid-set image: used last.</source>
        <translation>Kopien aus Ausschlussmengen: %1 Kandidaten, der Export entfernt sie ungeprüft. Gruppen identischer Kandidaten: %2, der Export behält je einen. Kopien aus nachrangigen Mengen: %3 Kandidaten, sie werden zuletzt verwendet.</translation>
    </message>
    <message>
        <source>exact copy of an exclude image</source>
        <translation>exakte Kopie aus Ausschlussmenge</translation>
    </message>
    <message>
        <source>marked duplicate</source>
        <translation>als Duplikat markiert</translation>
    </message>
    <message>
        <source>unreviewed, above the thresholds</source>
        <translation>ungeprüft, über den Schwellenwerten</translation>
    </message>
    <message>
        <source>identical copy of a kept candidate</source>
        <translation>identische Kopie eines behaltenen Kandidaten</translation>
    </message>
</context>
<context>
    <name>tc::ui::ReviewView</name>
    <message>
        <source>Duplicate (D)</source>
        <translation>Duplikat (D)</translation>
    </message>
    <message>
        <source>Distinct (K)</source>
        <translation>Verschieden (K)</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Rückgängig (Strg+Z)</translation>
    </message>
    <message>
        <source>Run Duplicate Search</source>
        <translation>Duplikatsuche starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Add Reference Set...</source>
        <translation>Referenzmenge hinzufügen…</translation>
    </message>
    <message>
        <source>Show reviewed</source>
        <translation>Geprüfte anzeigen</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>With difference</source>
        <translation>Mit Differenz</translation>
    </message>
    <message>
        <source>With overlay</source>
        <translation>Mit Überlagerung</translation>
    </message>
    <message>
        <source>No pairs to review at these thresholds.</source>
        <translation>Bei diesen Schwellenwerten gibt es keine zu prüfenden Paare.</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>Pair %1 of %2</source>
        <translation>Paar %1 von %2</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplikate</translation>
    </message>
    <message>
        <source>Searching duplicates...</source>
        <translation>Duplikate werden gesucht …</translation>
    </message>
    <message>
        <source>Loading reference set %1...</source>
        <translation>Referenzmenge %1 wird geladen …</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Mark the selected pair duplicate (D): with an exclude set, export removes the candidate; with an avoid set, it is used last</source>
        <translation>Ausgewähltes Paar als Duplikat markieren (D): Bei einer Ausschlussmenge entfernt der Export den Kandidaten, bei einer nachrangigen Menge wird er zuletzt verwendet</translation>
    </message>
    <message>
        <source>Mark the selected pair distinct (K or S): this pair no longer removes the candidate (another pair or an identical copy still may); it leaves the queue</source>
        <translation>Ausgewähltes Paar als verschieden markieren (K oder S): Dieses Paar entfernt den Kandidaten nicht mehr (ein anderes Paar oder eine identische Kopie kann es weiterhin); es verlässt die Warteschlange</translation>
    </message>
    <message>
        <source>No pair selected: click one in the list.</source>
        <translation>Kein Paar ausgewählt: Klicken Sie eines in der Liste an.</translation>
    </message>
    <message>
        <source>%1 #%2 (%3)</source>
        <translation>%1 #%2 (%3)</translation>
    </message>
    <message>
        <source>The stored duplicate search does not cover these settings: %1. Run Duplicate Search before exporting.</source>
        <translation>Die gespeicherte Duplikatsuche deckt diese Einstellungen nicht ab: %1. Vor dem Export „Duplikatsuche starten“.</translation>
    </message>
</context>
<context>
    <name>tc::ui::SearchOptionsBar</name>
    <message>
        <source>References kept per candidate, reference set and measure (L2 and SSIM)</source>
        <translation>Behaltene Referenzen je Kandidat, Referenzmenge und Maß (L2 und SSIM)</translation>
    </message>
    <message>
        <source>Exact SSIM against every reference image (slow, for audits) instead of a per-candidate shortlist</source>
        <translation>Exakte SSIM gegen jedes Referenzbild (langsam, für Prüfungen) statt einer Vorauswahl je Kandidat</translation>
    </message>
    <message>
        <source>SSIM with an 11-tap Gaussian window (sigma 1.5) instead of the 7x7 uniform one</source>
        <translation>SSIM mit einem 11er-Gauß-Fenster (Sigma 1,5) statt des gleichförmigen 7×7-Fensters</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Exhaustive</source>
        <translation>Vollständig</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>Gauß</translation>
    </message>
    <message>
        <source>Shifts, mirror</source>
        <translation>Verschoben, gespiegelt</translation>
    </message>
    <message>
        <source>Also score each pair with the reference shifted by up to 2 px and mirrored, keeping the best (on: catches shifted and mirrored copies; off: the plain protocol)</source>
        <translation>Jedes Paar auch mit der um bis zu 2 px verschobenen und gespiegelten Referenz bewerten, das Beste zählt (an: findet verschobene und gespiegelte Kopien; aus: das einfache Protokoll)</translation>
    </message>
</context>
<context>
    <name>tc::ui::SingleModeView</name>
    <message>
        <source>keyword: %1</source>
        <translation>Schlagwort: %1</translation>
    </message>
    <message>
        <source>Candidate ... of ...</source>
        <translation>Kandidat … von …</translation>
    </message>
    <message>
        <source>Candidate %1 of %2</source>
        <translation>Kandidat %1 von %2</translation>
    </message>
    <message>
        <source>Outside this filter (%1 candidates in it)</source>
        <translation>Außerhalb dieses Filters (%1 Kandidaten darin)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Accept (Y)&lt;/b&gt; when a person would name this class from the picture alone.&lt;ul&gt;&lt;li&gt;Photo-realistic: no drawings, cartoons or renderings.&lt;/li&gt;&lt;li&gt;One prominent instance of the class.&lt;/li&gt;&lt;li&gt;Partial occlusion or an unusual viewpoint is fine if the identity is clear.&lt;/li&gt;&lt;/ul&gt;&lt;b&gt;Reject (N)&lt;/b&gt; anything else; &lt;b&gt;Unsure (U)&lt;/b&gt; when you cannot tell. A verdict already recorded is shown above the figures; only Y, N or U changes it.</source>
        <translation>&lt;b&gt;Annehmen (Y)&lt;/b&gt;, wenn man allein anhand des Bildes diese Klasse nennen würde.&lt;ul&gt;&lt;li&gt;Fotorealistisch: keine Zeichnungen, Cartoons oder Renderings.&lt;/li&gt;&lt;li&gt;Ein deutlich erkennbares Exemplar der Klasse.&lt;/li&gt;&lt;li&gt;Teilweise Verdeckung oder eine ungewöhnliche Perspektive ist in Ordnung, wenn klar ist, was es ist.&lt;/li&gt;&lt;/ul&gt;&lt;b&gt;Ablehnen (N)&lt;/b&gt; in allen anderen Fällen; &lt;b&gt;Unsicher (U)&lt;/b&gt;, wenn Sie es nicht sagen können. Eine bereits gespeicherte Entscheidung steht über den Zahlen; nur Y, N oder U ändert sie.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Y&lt;/b&gt; accept, &lt;b&gt;N&lt;/b&gt; reject, &lt;b&gt;U&lt;/b&gt; unsure: each records and moves on. &lt;b&gt;&amp;larr;&lt;/b&gt;/&lt;b&gt;&amp;rarr;&lt;/b&gt; (or PgUp/PgDn) only move, they never decide. &lt;b&gt;Ctrl+Z&lt;/b&gt; undo.</source>
        <translation>&lt;b&gt;Y&lt;/b&gt; annehmen, &lt;b&gt;N&lt;/b&gt; ablehnen, &lt;b&gt;U&lt;/b&gt; unsicher: jeweils speichern und weiter. &lt;b&gt;&amp;larr;&lt;/b&gt;/&lt;b&gt;&amp;rarr;&lt;/b&gt; (oder Bild↑/Bild↓) blättern nur, sie entscheiden nie. &lt;b&gt;Strg+Z&lt;/b&gt; rückgängig.</translation>
    </message>
    <message>
        <source>this keyword</source>
        <translation>dieses Schlagwort</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation>Unentschieden</translation>
    </message>
    <message>
        <source>Undecided by you (counted as %1 from other annotators)</source>
        <translation>Von Ihnen unentschieden (laut anderen Annotatoren %1)</translation>
    </message>
    <message>
        <source>ACCEPTED by %1, %2</source>
        <translation>ANGENOMMEN von %1, %2</translation>
    </message>
    <message>
        <source>REJECTED by %1, %2</source>
        <translation>ABGELEHNT von %1, %2</translation>
    </message>
    <message>
        <source>UNSURE by %1, %2</source>
        <translation>UNSICHER laut %1, %2</translation>
    </message>
    <message>
        <source> (grid page)</source>
        <translation> (Rasterseite)</translation>
    </message>
</context>
<context>
    <name>tc::ui::StaticTextLine</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>tc::ui::StatisticsPage</name>
    <message>
        <source>Candidates and accepted images per class</source>
        <translation>Kandidaten und angenommene Bilder pro Klasse</translation>
    </message>
    <message>
        <source>Keywords of class:</source>
        <translation>Schlagwörter der Klasse:</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>Kandidaten</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Candidates and accepted images per class (target %1 per class)</source>
        <translation>Kandidaten und angenommene Bilder pro Klasse (Ziel: %1 pro Klasse)</translation>
    </message>
    <message>
        <source>Accepted against quota: %1</source>
        <translation>Angenommen im Vergleich zur Quote: %1</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlend</translation>
    </message>
    <message>
        <source>%1 (absent)</source>
        <translation>%1 (nicht vorhanden)</translation>
    </message>
    <message>
        <source>Which candidates count as accepted, for these statistics, the quotas, the Verify filters, the Agreement dialog and the export.</source>
        <translation>Welche Kandidaten als angenommen gelten: für diese Statistik, die Quoten, die Filter unter „Prüfen“, den Übereinstimmungsdialog und den Export.</translation>
    </message>
    <message>
        <source>Accept &amp;rule:</source>
        <translation>Annahme&amp;regel:</translation>
    </message>
    <message>
        <source>%1. Accepted: &lt;b&gt;%2&lt;/b&gt;, unsettled conflicts: &lt;b&gt;%3&lt;/b&gt;, awaiting adjudication: &lt;b&gt;%4&lt;/b&gt; (settle them in Tools &gt; Annotator Agreement).</source>
        <translation>%1. Angenommen: &lt;b&gt;%2&lt;/b&gt;, ungeklärte Konflikte: &lt;b&gt;%3&lt;/b&gt;, warten auf Schiedsentscheidung: &lt;b&gt;%4&lt;/b&gt; (zu klären unter Extras &gt; Annotator-Übereinstimmung).</translation>
    </message>
    <message>
        <source>Rule changed to %1: %2.</source>
        <translation>Regel auf %1 geändert: %2.</translation>
    </message>
    <message>
        <source>Could not change the rule: %1</source>
        <translation>Die Regel konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Awaiting</source>
        <translation>Ausstehend</translation>
    </message>
</context>
<context>
    <name>tc::ui::SuperclassesDialog</name>
    <message>
        <source>Superclasses</source>
        <translation>Oberklassen</translation>
    </message>
    <message>
        <source>The superclass of each class is its CIFAR-100 coarse label. When every class has one, the export writes CIFAR-100 style files; with none, CIFAR-10 style.</source>
        <translation>Die Oberklasse einer Klasse ist ihr grobes CIFAR-100-Label. Hat jede Klasse eine, schreibt der Export Dateien im CIFAR-100-Format; hat keine eine, im CIFAR-10-Format.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Superclass</source>
        <translation>Oberklasse</translation>
    </message>
    <message>
        <source>&amp;Load from File...</source>
        <translation>Aus &amp;Datei laden…</translation>
    </message>
    <message>
        <source>Without a superclass (%1 of %2 classes): %3. The export refuses until every class has one (CIFAR-100 style) or none has (CIFAR-10 style).</source>
        <translation>Ohne Oberklasse (%1 von %2 Klassen): %3. Der Export verweigert, bis jede Klasse eine hat (CIFAR-100-Format) oder keine (CIFAR-10-Format).</translation>
    </message>
    <message>
        <source>No class has a superclass: the export will be CIFAR-10 style.</source>
        <translation>Keine Klasse hat eine Oberklasse: der Export erfolgt im CIFAR-10-Format.</translation>
    </message>
    <message>
        <source>Every class has a superclass: the export will be CIFAR-100 style. Superclasses (%1): %2.</source>
        <translation>Jede Klasse hat eine Oberklasse: der Export erfolgt im CIFAR-100-Format. Oberklassen (%1): %2.</translation>
    </message>
    <message>
        <source>Nothing loaded: %1</source>
        <translation>Nichts geladen: %1</translation>
    </message>
    <message>
        <source>Nothing loaded: %1 names classes this project does not have: %2</source>
        <translation>Nichts geladen: %1 nennt Klassen, die dieses Projekt nicht hat: %2</translation>
    </message>
    <message>
        <source>Load Superclasses</source>
        <translation>Oberklassen laden</translation>
    </message>
    <message>
        <source>Superclass maps (*.json *.csv);;All files (*)</source>
        <translation>Oberklassen-Zuordnungen (*.json *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Nichts wurde geändert: %1</translation>
    </message>
</context>
<context>
    <name>tc::ui::ThresholdBar</name>
    <message>
        <source>Pairs with SSIM at or above this value are flagged for review</source>
        <translation>Paare mit einem SSIM-Wert größer oder gleich diesem Wert werden zur Prüfung vorgemerkt</translation>
    </message>
    <message>
        <source>Pairs with L2 distance at or below this value are flagged for review</source>
        <translation>Paare mit einem L2-Abstand kleiner oder gleich diesem Wert werden zur Prüfung vorgemerkt</translation>
    </message>
    <message>
        <source>SSIM ≥</source>
        <translation>SSIM ≥</translation>
    </message>
    <message>
        <source>or L2 ≤</source>
        <translation>oder L2 ≤</translation>
    </message>
    <message>
        <source>List the pairs of one reference set</source>
        <translation>Die Paare einer Referenzmenge auflisten</translation>
    </message>
    <message>
        <source>All reference sets</source>
        <translation>Alle Referenzmengen</translation>
    </message>
    <message>
        <source>What an export would do with every candidate at these thresholds: an exact copy of an exclude-set image is always removed (it is not reviewed); a pair with an exclude set marked duplicate removes its candidate; a pair marked distinct does not remove it by itself; an unreviewed pair above the thresholds removes it while the export counts unreviewed pairs as duplicates (the default); of identical candidates one is kept.</source>
        <translation>Was ein Export bei diesen Schwellenwerten mit jedem Kandidaten täte: Eine exakte Kopie eines Bilds aus einer Ausschlussmenge wird immer entfernt (sie wird nicht geprüft); ein als Duplikat markiertes Paar mit einer Ausschlussmenge entfernt seinen Kandidaten; ein als verschieden markiertes Paar entfernt ihn nicht von sich aus; ein ungeprüftes Paar über den Schwellenwerten entfernt ihn, solange der Export ungeprüfte Paare als Duplikate zählt (Standard); von identischen Kandidaten wird einer behalten.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 to review&lt;/b&gt; &amp;nbsp;&amp;middot;&amp;nbsp; export removes &lt;b&gt;%2 of %3&lt;/b&gt; candidates (exact copies of exclude images %4, marked duplicate %5, unreviewed above the thresholds %6, identical copies %7) &amp;nbsp;&amp;middot;&amp;nbsp; %8 kept</source>
        <translation>&lt;b&gt;%1 zu prüfen&lt;/b&gt; &amp;nbsp;&amp;middot;&amp;nbsp; Export entfernt &lt;b&gt;%2 von %3&lt;/b&gt; Kandidaten (exakte Kopien aus Ausschlussmengen %4, als Duplikat markiert %5, ungeprüft über den Schwellenwerten %6, identische Kopien %7) &amp;nbsp;&amp;middot;&amp;nbsp; %8 behalten</translation>
    </message>
</context>
<context>
    <name>tc::ui::VerifyPage</name>
    <message>
        <source>All candidates</source>
        <translation>Alle Kandidaten</translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation>Unentschieden</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <source>Go to suggested keyword</source>
        <translation>Zum vorgeschlagenen Schlagwort</translation>
    </message>
    <message>
        <source>Open or create a project (File menu) to start verifying.</source>
        <translation>Öffnen oder erstellen Sie ein Projekt (Menü „Datei“), um mit dem Prüfen zu beginnen.</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Alle Klassen</translation>
    </message>
    <message>
        <source>All keywords</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Nothing left in this filter. Choose another keyword, class or verdict above, or go to the suggested keyword.</source>
        <translation>In diesem Filter ist nichts mehr übrig. Wählen Sie oben ein anderes Schlagwort, eine andere Klasse oder Entscheidung, oder wechseln Sie zum vorgeschlagenen Schlagwort.</translation>
    </message>
    <message>
        <source>Nothing left in this filter.</source>
        <translation>In diesem Filter ist nichts mehr übrig.</translation>
    </message>
    <message>
        <source>Every keyword quota is met or decided.</source>
        <translation>Jede Schlagwort-Quote ist erfüllt oder entschieden.</translation>
    </message>
    <message>
        <source>This is the last candidate of the filter.</source>
        <translation>Dies ist der letzte Kandidat im Filter.</translation>
    </message>
    <message>
        <source>Skip keywords whose quota is met</source>
        <translation>Erfüllte Quoten überspringen</translation>
    </message>
    <message>
        <source>A project setting: grid pages and the suggested keyword pass over keywords that already have their quota of accepted images (a keyword chosen above is always shown).</source>
        <translation>Eine Projekteinstellung: Rasterseiten und das vorgeschlagene Schlagwort überspringen Schlagwörter, deren Quote an angenommenen Bildern schon erreicht ist (ein oben gewähltes Schlagwort wird immer angezeigt).</translation>
    </message>
    <message>
        <source>&amp;Class:</source>
        <translation>&amp;Klasse:</translation>
    </message>
    <message>
        <source>&amp;Keyword:</source>
        <translation>Schlag&amp;wort:</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>An&amp;zeigen:</translation>
    </message>
    <message>
        <source>Nothing left in this filter (keywords whose quota is met are skipped).</source>
        <translation>In diesem Filter ist nichts mehr übrig (Schlagwörter mit erfüllter Quote werden übersprungen).</translation>
    </message>
    <message>
        <source>Class %1 is over its target: %2 of %3 accepted.</source>
        <translation>Klasse %1 liegt über ihrem Ziel: %2 von %3 angenommen.</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) recorded.</source>
        <translation>
            <numerusform>%n Entscheidung gespeichert.</numerusform>
            <numerusform>%n Entscheidungen gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Next suggested keyword: %1 (%2)</source>
        <translation>Nächster Vorschlag: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>tc::ui::VerifySession</name>
    <message>
        <source>accept</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>unsure</source>
        <translation>unsicher</translation>
    </message>
    <message>
        <source>Tiny Images #%1 (%2, position %3 of its keyword)</source>
        <translation>Tiny Images #%1 (%2, Position %3 im Schlagwort)</translation>
    </message>
</context>
</TS>
