<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>main</name>
    <message>
        <source>Build CIFAR-style image datasets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project file to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::core::AcceptRule</name>
    <message>
        <source>the latest decision of any annotator counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted when more annotators accept than reject or are unsure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted when all annotators accept; a disagreement waits for an adjudicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted only when all annotators accept; one reject or unsure keeps it out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::core::DedupSettingsStore</name>
    <message>
        <source>the L2 threshold %1 is above the L2 up to which the stored search found every shifted or mirrored pair (%2); search again to flag pairs up to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the search options (%1) differ from those of the stored pairs (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project&apos;s duplicate settings are invalid (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reference set &quot;%1&quot; was never searched</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s) were added since reference set &quot;%1&quot; was searched</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>the stored pairs were measured by an older version that did not record the search mode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::core::DisputeListModel</name>
    <message>
        <source>Candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiny index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjudication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::core::Exporter</name>
    <message>
        <source>the train split would be empty (%1 train and %2 test images selected); an export needs both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the test split would be empty (%1 train and %2 test images selected); an export needs both</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::core::FinalShift</name>
    <message>
        <source>%1 became accepted, %2 no longer accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n other final verdict(s) changed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::core::PairListModel</name>
    <message>
        <source>no pair at row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 / %3) and %4 #%5 (%6)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::core::PairTransform</name>
    <message>
        <source>same alignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 px right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 px left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 px down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 px up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shifted %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shifted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mirrored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mirrored, %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::AddReferenceDialog</name>
    <message>
        <source>Add Reference Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. cifar10-test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclude: matches are removed (CIFAR-10 test, CIFAR-10.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avoid: matches are used last (CIFAR-10 train)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a batch file, a cifar-10-batches-py/-bin folder, .npy/.npz or an image folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image sets (*batch* *.bin *.npy *.npz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidates matching this set are kept but used only after all others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidates matching this set exactly are removed; near matches go to review.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::AgreementDialog</name>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotator Agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement needs two different annotators who decided some of the same candidates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(all classes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(all keywords)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unsettled only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import decisions...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settle as %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 decided %3 candidate(s) alike out of %4 shared (kappa %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n conflict(s)&lt;/b&gt; listed, %1 unsettled. Accept rule: &lt;b&gt;%2&lt;/b&gt; (%3). An adjudication settles a candidate under every rule.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not record the adjudication: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate %1 settled as %2 by %3 (Ctrl+Z undoes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No adjudication of %1 to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not undo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: the adjudication of candidate %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 decision(s) (%2 already in the project). Final verdicts under the accept rule &apos;%3&apos;: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions CSV (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window opened the project read-only (another program is writing it, or its folder cannot be written): decisions cannot be imported here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing decisions from %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling the import...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import had finished before the cancel arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is running: cancel it or wait for it to finish before closing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::AnnotatorDialog</name>
    <message>
        <source>Who is annotating?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each annotator&apos;s decisions are kept separately, so two people can verify the same candidates and their agreement can be measured.
Choose your name or type a new one:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ClassShareChart</name>
    <message>
        <source>% of the class&apos;s candidates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ExactGroupsLook</name>
    <message numerus="yes">
        <source>Copy of %1 (exclude): %n candidate(s), removed from export, not reviewed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy of %1 (avoid): %n candidate(s), used last in export</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identical candidate(s): all removed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identical candidate(s): export keeps %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 reference) - %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - %2 / %3 - %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KEPT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed (copy of an exclude image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed (identical copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed (near duplicate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a reference image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ExportBackend</name>
    <message>
        <source>Removed before selection: %1 internal exact copies, %2 copies of exclude sets, %3 marked duplicate, %4 unreviewed above the thresholds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ExportDialog</name>
    <message>
        <source>CIFAR python batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIFAR binary batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>numpy .npz (CIFAR-10.2 style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>numpy .npy (CIFAR-10.1 style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: what would be exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwrite existing files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per &amp;class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test fraction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted means:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formats:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out unreviewed pairs above the duplicate thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder the dataset is written to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 train / %2 test per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) short of the target: the highlighted classes need more accepted candidates.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Every class reaches its target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %1 train and %2 test images in %n file(s) to %3.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>CIFAR-10 style (no superclasses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIFAR-100 style (superclasses as coarse labels: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the missing ones in Tools &gt; Superclasses...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts at the project&apos;s target per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project&apos;s accept rule: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The duplicate search is not current (%1): Export offers to run it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export not started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some classes have fewer images than the %1 per class you asked for:

%2

Write the export with these classes short?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes Short of the Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write Short Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The duplicate search is not current, so the export could contain copies of reference (test) images:

%1

Run the duplicate search now? It runs in the background with the project&apos;s settings; the export starts when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export not started: the duplicate search is not current (%1). Run it in the Duplicates tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate Search Needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search, Then Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching duplicates before the export...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate search cancelled; nothing was exported and the stored search is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate search failed: %1. Nothing was exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project&apos;s target per class could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same project, settings and seed give byte-identical output (0 to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed must be a whole number from 0 to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ExportPreviewTable</name>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In avoid set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortfall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyword deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted candidates left after duplicate removal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available candidates that also occur in an avoid set (e.g. CIFAR-10 train); they are used last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest difference between a keyword&apos;s share of the selection and its catalog share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pp (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::GridModeView</name>
    <message>
        <source>Commit page (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiles per page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is each image a &lt;b&gt;%1&lt;/b&gt;? &lt;span style=&quot;font-weight:normal&quot;&gt;keyword: &lt;i&gt;%2&lt;/i&gt;&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on this page: %2 accept, %3 reject, %4 unsure (%5 decided before, %6 of them changed). Enter records %7. Click or Space toggles reject; Y, N, U set the tile under the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keyword %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ImportPage</name>
    <message>
        <source>%1 candidates imported, %2 were already in the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog keywords absent from the source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing into %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import finished. Press Finish to open the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled. What was committed stays; run it again to complete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MainWindow</name>
    <message>
        <source>TinyCurator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Project...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Project...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TinyCurator projects (*.tcproj)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Last Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Single Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Grid Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;mooth Scaling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch &amp;Annotator...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotator A&amp;greement...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About TinyCurator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About TinyCurator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;p&gt;Build CIFAR-style image datasets: verify Tiny Images candidates, remove duplicates, export with provenance.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project to start verifying candidates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the project: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - TinyCurator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotator: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 decided by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Superclasses...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Single image&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;h3&gt;Grid page&lt;/h3&gt;&lt;p&gt;One keyword of one class per page; decided tiles are framed in their verdict&apos;s colour.&lt;br&gt;Click or &lt;b&gt;Space&lt;/b&gt;: toggle accept / reject&lt;br&gt;&lt;b&gt;Y&lt;/b&gt;, &lt;b&gt;N&lt;/b&gt;, &lt;b&gt;U&lt;/b&gt;: set the tile under the cursor&lt;br&gt;Arrow keys: move the cursor&lt;br&gt;&lt;b&gt;Enter&lt;/b&gt;: record the undecided and changed tiles, open the next page&lt;br&gt;&lt;b&gt;Ctrl+Z&lt;/b&gt;: undo the last page (it comes back with its marks)&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ctrl+1&lt;/b&gt; / &lt;b&gt;Ctrl+2&lt;/b&gt;: single / grid mode; &lt;b&gt;Ctrl+M&lt;/b&gt;: smooth scaling&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Read-only&lt;/b&gt;: %1 is writing this project. Close it there to record decisions here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Read-only&lt;/b&gt;: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in use by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its folder cannot be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept rule: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quotas, statistics and export count a candidate as accepted under this rule: %1. Change it on the Statistics tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Dataset...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select, split and write the dataset (CIFAR and numpy formats)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::NewProjectWizard</name>
    <message>
        <source>Where do the candidates come from?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80 Million &amp;Tiny Images (binary + metadata) queried with a keyword catalog (keyword_counts.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An &amp;image folder laid out as &lt;class&gt;/&lt;keyword&gt;/&lt;file&gt; (JPEG, PNG, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs and project file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyword catalogs (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiny Images folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyword catalog:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records per keyword:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TinyCurator projects (*.tcproj)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder holds tiny_images.bin and tiny_metadata.bin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a catalog, classes and keywords come from the folder names. The catalog is optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders are &lt;superclass&gt;/&lt;class&gt;/&lt;keyword&gt;/&lt;file&gt; (CIFAR-100 grouping)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each class gets its folder&apos;s superclass (its CIFAR-100 coarse label).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted images per class (target):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyword quotas:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the inputs to see the quotas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::PairDetails</name>
    <message>
        <source>not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed from export: an exact copy of an exclude-set image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed from export: a pair with an exclude set is marked duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed from export until reviewed: an unreviewed pair with an exclude set is above the thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed from export: identical to another candidate, which is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marked duplicate (avoid set: the candidate is used last)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marked duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marked distinct (this pair does not remove the candidate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scored where it lines up: the candidate matches the reference %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;td&gt;&lt;/td&gt;&lt;th&gt;Candidate&lt;/th&gt;&lt;th&gt;Reference&lt;/th&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Class&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Keyword&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Image&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;td&gt;%6 #%7 (%8)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;b&gt;SSIM %9 &amp;nbsp; L2 %10&lt;/b&gt; &amp;nbsp; pair %11&lt;br&gt;Candidate %12&lt;/p&gt;%13</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exclude</source>
        <comment>reference set role: matches are removed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>avoid</source>
        <comment>reference set role: matches are used last</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::PairView</name>
    <message>
        <source>|difference| x%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overlay (50 / 50)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, reference %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::QuotaBar</name>
    <message>
        <source>%1 accepted for %2 (no quota)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 accepted for %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n more on this page</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n fewer on this page</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Quota met if committed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota met: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVER QUOTA by %1 if committed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVER QUOTA by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ReadOnlyBanner</name>
    <message>
        <source>Read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open for &amp;Editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the project for recording decisions again, once the other program has closed it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ReviewSession</name>
    <message>
        <source>Unknown reference role &quot;%1&quot; (exclude or avoid).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distinct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ref. index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ReviewStatsPanel</name>
    <message>
        <source>max SSIM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum SSIM of each candidate to any reference image; the dashed line is the threshold, candidates right of it are flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum L2 distance (0-255 pixels) of each candidate to any reference image; the dashed line is the threshold, candidates left of it are flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of each class&apos;s candidates that export removes, by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Byte-identical images: copies of reference images and identical candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact copies (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 candidate(s) copy an exclude-set image: export removes them, they are not reviewed. %2 group(s) of identical candidates: export keeps one of each. %3 candidate(s) copy an avoid-set image: used last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact copy of an exclude image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marked duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreviewed, above the thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identical copy of a kept candidate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ReviewView</name>
    <message>
        <source>Duplicate (D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct (K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run Duplicate Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Reference Set...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With overlay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pairs to review at these thresholds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching duplicates...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading reference set %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected pair duplicate (D): with an exclude set, export removes the candidate; with an avoid set, it is used last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected pair distinct (K or S): this pair no longer removes the candidate (another pair or an identical copy still may); it leaves the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pair selected: click one in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 #%2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored duplicate search does not cover these settings: %1. Run Duplicate Search before exporting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::SearchOptionsBar</name>
    <message>
        <source>References kept per candidate, reference set and measure (L2 and SSIM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact SSIM against every reference image (slow, for audits) instead of a per-candidate shortlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSIM with an 11-tap Gaussian window (sigma 1.5) instead of the 7x7 uniform one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exhaustive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shifts, mirror</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also score each pair with the reference shifted by up to 2 px and mirrored, keeping the best (on: catches shifted and mirrored copies; off: the plain protocol)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::SingleModeView</name>
    <message>
        <source>keyword: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate ... of ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside this filter (%1 candidates in it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Accept (Y)&lt;/b&gt; when a person would name this class from the picture alone.&lt;ul&gt;&lt;li&gt;Photo-realistic: no drawings, cartoons or renderings.&lt;/li&gt;&lt;li&gt;One prominent instance of the class.&lt;/li&gt;&lt;li&gt;Partial occlusion or an unusual viewpoint is fine if the identity is clear.&lt;/li&gt;&lt;/ul&gt;&lt;b&gt;Reject (N)&lt;/b&gt; anything else; &lt;b&gt;Unsure (U)&lt;/b&gt; when you cannot tell. A verdict already recorded is shown above the figures; only Y, N or U changes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Y&lt;/b&gt; accept, &lt;b&gt;N&lt;/b&gt; reject, &lt;b&gt;U&lt;/b&gt; unsure: each records and moves on. &lt;b&gt;&amp;larr;&lt;/b&gt;/&lt;b&gt;&amp;rarr;&lt;/b&gt; (or PgUp/PgDn) only move, they never decide. &lt;b&gt;Ctrl+Z&lt;/b&gt; undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this keyword</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undecided by you (counted as %1 from other annotators)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACCEPTED by %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REJECTED by %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UNSURE by %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (grid page)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::StaticTextLine</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::StatisticsPage</name>
    <message>
        <source>Candidates and accepted images per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keywords of class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidates and accepted images per class (target %1 per class)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted against quota: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (absent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which candidates count as accepted, for these statistics, the quotas, the Verify filters, the Agreement dialog and the export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept &amp;rule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Accepted: &lt;b&gt;%2&lt;/b&gt;, unsettled conflicts: &lt;b&gt;%3&lt;/b&gt;, awaiting adjudication: &lt;b&gt;%4&lt;/b&gt; (settle them in Tools &gt; Annotator Agreement).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule changed to %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::SuperclassesDialog</name>
    <message>
        <source>Superclasses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The superclass of each class is its CIFAR-100 coarse label. When every class has one, the export writes CIFAR-100 style files; with none, CIFAR-10 style.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superclass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load from File...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a superclass (%1 of %2 classes): %3. The export refuses until every class has one (CIFAR-100 style) or none has (CIFAR-10 style).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No class has a superclass: the export will be CIFAR-10 style.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every class has a superclass: the export will be CIFAR-100 style. Superclasses (%1): %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing loaded: %1 names classes this project does not have: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Superclasses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superclass maps (*.json *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ThresholdBar</name>
    <message>
        <source>Pairs with SSIM at or above this value are flagged for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairs with L2 distance at or below this value are flagged for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSIM ≥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or L2 ≤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the pairs of one reference set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All reference sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What an export would do with every candidate at these thresholds: an exact copy of an exclude-set image is always removed (it is not reviewed); a pair with an exclude set marked duplicate removes its candidate; a pair marked distinct does not remove it by itself; an unreviewed pair above the thresholds removes it while the export counts unreviewed pairs as duplicates (the default); of identical candidates one is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 to review&lt;/b&gt; &amp;nbsp;&amp;middot;&amp;nbsp; export removes &lt;b&gt;%2 of %3&lt;/b&gt; candidates (exact copies of exclude images %4, marked duplicate %5, unreviewed above the thresholds %6, identical copies %7) &amp;nbsp;&amp;middot;&amp;nbsp; %8 kept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::VerifyPage</name>
    <message>
        <source>All candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to suggested keyword</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open or create a project (File menu) to start verifying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left in this filter. Choose another keyword, class or verdict above, or go to the suggested keyword.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left in this filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every keyword quota is met or decided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the last candidate of the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip keywords whose quota is met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A project setting: grid pages and the suggested keyword pass over keywords that already have their quota of accepted images (a keyword chosen above is always shown).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyword:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left in this filter (keywords whose quota is met are skipped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class %1 is over its target: %2 of %3 accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) recorded.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Next suggested keyword: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::VerifySession</name>
    <message>
        <source>accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiny Images #%1 (%2, position %3 of its keyword)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
