<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>關於</source>
        <translation>About</translation>
    </message>
    <message>
        <source>提升服務品質自行評核報告編輯器</source>
        <translation>Service Quality Self-Assessment Report Editor</translation>
    </message>
    <message>
        <source>版本：{0}</source>
        <translation>Version: {0}</translation>
    </message>
    <message>
        <source>報告檔格式版本：{0}</source>
        <translation>Report file format version: {0}</translation>
    </message>
    <message>
        <source>設定檔位置：{0}</source>
        <translation>Settings file: {0}</translation>
    </message>
    <message>
        <source>未命名報告存放位置：{0}</source>
        <translation>Untitled reports are kept in: {0}</translation>
    </message>
    <message>
        <source>備份資料夾：{0}</source>
        <translation>Backup folder: {0}</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>還原成新的報告檔</source>
        <translation>Restore as a New Report File</translation>
    </message>
    <message>
        <source>服務品質報告 (*.sqreport)</source>
        <translation>Service quality reports (*.sqreport)</translation>
    </message>
    <message>
        <source>還原備份</source>
        <translation>Restore Backup</translation>
    </message>
    <message>
        <source>備份時間</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>合併前</source>
        <translation>Before merging</translation>
    </message>
    <message>
        <source>匯入前</source>
        <translation>Before import</translation>
    </message>
    <message>
        <source>每日</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>合併草稿前、匯入前，以及每天第一次開啟時，都會自動備份這份報告。還原會另存成新的報告檔，不會覆蓋任何檔案。</source>
        <translation>This report is backed up automatically before merging drafts, before imports, and the first time it is opened each day. Restoring saves a new report file and never overwrites a file.</translation>
    </message>
    <message>
        <source>這份報告還沒有任何備份。</source>
        <translation>This report has no backups yet.</translation>
    </message>
    <message>
        <source>備份資料夾：{0}</source>
        <translation>Backup folder: {0}</translation>
    </message>
    <message>
        <source>還原成新檔案(&amp;R)…</source>
        <translation>&amp;Restore as New File…</translation>
    </message>
    <message>
        <source>{0} KB</source>
        <translation>{0} KB</translation>
    </message>
    <message>
        <source>已還原成「{0}」。</source>
        <translation>Restored as “{0}”.</translation>
    </message>
</context>
<context>
    <name>ConversionPreviewDialog</name>
    <message>
        <source>轉為臺灣正體</source>
        <translation>Convert to Taiwan Traditional</translation>
    </message>
    <message>
        <source>以下文字將被轉換，請確認後按「確定」：</source>
        <translation>The following text will be converted. Check it and press OK:</translation>
    </message>
    <message>
        <source>段落</source>
        <translation>Paragraph</translation>
    </message>
    <message>
        <source>原文</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>轉換後</source>
        <translation>Converted</translation>
    </message>
    <message>
        <source>沒有需要轉換的文字。</source>
        <translation>Nothing needs converting.</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>{roc}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}</source>
        <translation>{year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>發生未預期的錯誤，剛才的操作可能沒有完成。已經存入報告檔的修改不受影響。</source>
        <translation>An unexpected error occurred; what you just did may not have been completed. Changes already saved in the report file are not affected.</translation>
    </message>
    <message>
        <source>詳細內容已記錄在：
{0}
請把這個檔案交給資訊人員。</source>
        <translation>The details were written to:
{0}
Please give this file to your IT staff.</translation>
    </message>
    <message>
        <source>錯誤記錄檔無法寫入。</source>
        <translation>The error log could not be written.</translation>
    </message>
    <message>
        <source>發生錯誤</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>ExportOptionsDialog</name>
    <message>
        <source>匯出 {0}</source>
        <translation>Export {0}</translation>
    </message>
    <message>
        <source>列印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>草稿標記：空白的列標示（未填），每列註明承辦單位(&amp;D)</source>
        <translation>&amp;Draft marks: empty rows marked (not filled), each row names its unit</translation>
    </message>
    <message>
        <source>全部單位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>橫向頁面(&amp;L)</source>
        <translation>&amp;Landscape pages</translation>
    </message>
    <message>
        <source>只含這個單位的列(&amp;U)：</source>
        <translation>Only this &amp;unit&apos;s rows:</translation>
    </message>
    <message>
        <source>構面(&amp;S)：</source>
        <translation>&amp;Sections:</translation>
    </message>
    <message>
        <source>檔名(&amp;F)：</source>
        <translation>&amp;File name:</translation>
    </message>
    <message>
        <source>資料夾：</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>換資料夾(&amp;W)…</source>
        <translation>Ot&amp;her folder…</translation>
    </message>
    <message>
        <source>匯出(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>下一步(&amp;N)</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <source>匯出到哪個資料夾</source>
        <translation>Export to which folder</translation>
    </message>
    <message>
        <source>請至少選一個構面。</source>
        <translation>Choose at least one section.</translation>
    </message>
    <message>
        <source>請選擇存放的檔名。</source>
        <translation>Enter a file name.</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>開啟報告</source>
        <translation>Open Report</translation>
    </message>
    <message>
        <source>評核報告 (*.sqreport)</source>
        <translation>Assessment reports (*.sqreport)</translation>
    </message>
    <message>
        <source>另存新檔</source>
        <translation>Save As</translation>
    </message>
    <message>
        <source>無法儲存</source>
        <translation>Cannot Save</translation>
    </message>
    <message>
        <source>匯入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>可匯入的檔案 (*.docx *.doc *.json)</source>
        <translation>Importable files (*.docx *.doc *.json)</translation>
    </message>
    <message>
        <source>無法匯入</source>
        <translation>Cannot Import</translation>
    </message>
    <message>
        <source>匯出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>這份報告尚未連結上期報告；請先用「工具 › 連結上期報告」。</source>
        <translation>This report is not linked to last period&apos;s; use Tools › Link Last Period&apos;s Report first.</translation>
    </message>
    <message>
        <source>無法匯出</source>
        <translation>Cannot Export</translation>
    </message>
    <message>
        <source>已匯出 {0}</source>
        <translation>Exported {0}</translation>
    </message>
    <message>
        <source>找不到檔案</source>
        <translation>File not found</translation>
    </message>
    <message>
        <source>找不到「{0}」。檔案可能已被移動、刪除，或在目前沒有連線的網路磁碟機或隨身碟上。

要從「最近開啟」清單移除它嗎？</source>
        <translation>“{0}” cannot be found. It may have been moved or deleted, or it is on a network drive or USB stick that is not connected now.

Remove it from the Recent Files list?</translation>
    </message>
    <message>
        <source>無法列印</source>
        <translation>Cannot print</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>所有狀態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>有問題</source>
        <translation>With problems</translation>
    </message>
    <message>
        <source>所有單位</source>
        <translation>All units</translation>
    </message>
</context>
<context>
    <name>FindDialog</name>
    <message>
        <source>取代</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>尋找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>尋找(&amp;N)</source>
        <translation>Fi&amp;nd what</translation>
    </message>
    <message>
        <source>取代為(&amp;I)</source>
        <translation>Replace w&amp;ith</translation>
    </message>
    <message>
        <source>全部取代</source>
        <translation>Replace All</translation>
    </message>
    <message>
        <source>找到 {0} 處</source>
        <translation>{0} found</translation>
    </message>
    <message>
        <source>參考標準</source>
        <translation>Reference standard</translation>
    </message>
    <message>
        <source>評核結果說明</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>取代「{0}」為「{1}」</source>
        <translation>Replace “{0}” with “{1}”</translation>
    </message>
    <message>
        <source>已取代 {0} 處</source>
        <translation>Replaced {0}</translation>
    </message>
</context>
<context>
    <name>FindingsIndex</name>
    <message>
        <source>套用建議（{0} 處）</source>
        <translation>Apply suggestion ({0} places)</translation>
    </message>
    <message>
        <source>套用建議：「{0}」改為「{1}」</source>
        <translation>Apply suggestion: “{0}” to “{1}”</translation>
    </message>
    <message>
        <source>套用建議：刪除「{0}」</source>
        <translation>Apply suggestion: delete “{0}”</translation>
    </message>
    <message>
        <source>加入字典：{0}</source>
        <translation>Add to dictionary: {0}</translation>
    </message>
    <message>
        <source>忽略「{0}」</source>
        <translation>Ignore “{0}”</translation>
    </message>
    <message>
        <source>全部改為「{0}」（{1} 處）</source>
        <translation>Change all to “{0}” ({1} places)</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>文字檢查</source>
        <translation>Text Check</translation>
    </message>
    <message>
        <source>嚴重度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>說明</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>建議</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>套用建議</source>
        <translation>Apply Suggestion</translation>
    </message>
    <message>
        <source>全部套用</source>
        <translation>Apply Everywhere</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>重新檢查</source>
        <translation>Check Again</translation>
    </message>
    <message>
        <source>錯誤</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Hint</translation>
    </message>
    <message>
        <source>（刪除）</source>
        <translation>(delete)</translation>
    </message>
    <message>
        <source>共 {0} 個問題</source>
        <translation>{0} problems</translation>
    </message>
</context>
<context>
    <name>HeldFiles</name>
    <message>
        <source>另存為「{0}」</source>
        <translation>Save as “{0}”</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>匯入 Word 評核報告</source>
        <translation>Import Word Report</translation>
    </message>
    <message>
        <source>匯入 Excel 評核表</source>
        <translation>Import Excel Assessment Sheet</translation>
    </message>
    <message>
        <source>尚未選擇檔案</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>選擇檔案(&amp;F)…</source>
        <translation>Choose &amp;File…</translation>
    </message>
    <message>
        <source>一併匯入評核結果說明、承辦單位與狀態(&amp;R)</source>
        <translation>Also import &amp;results, units and statuses</translation>
    </message>
    <message>
        <source>評核項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>承辦單位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>評核結果說明</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>匯入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Word 檔：</source>
        <translation>Word file:</translation>
    </message>
    <message>
        <source>Excel 檔：</source>
        <translation>Excel file:</translation>
    </message>
    <message>
        <source>請選擇要匯入的 Word 文件（.docx 或 .doc）。</source>
        <translation>Choose the Word document (.docx or .doc) to import.</translation>
    </message>
    <message>
        <source>請選擇要匯入的 Excel 活頁簿（.xlsx）。</source>
        <translation>Choose the Excel workbook (.xlsx) to import.</translation>
    </message>
    <message>
        <source>選擇 Word 評核報告</source>
        <translation>Choose Word Report</translation>
    </message>
    <message>
        <source>Word 文件 (*.docx *.doc)</source>
        <translation>Word document (*.docx *.doc)</translation>
    </message>
    <message>
        <source>選擇 Excel 評核表</source>
        <translation>Choose Excel Assessment Sheet</translation>
    </message>
    <message>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>共 {0} 個構面、{1} 列參考標準，其中 {2} 列已有評核結果說明。</source>
        <translation>{0} sections and {1} standard rows; {2} rows already have a result.</translation>
    </message>
    <message>
        <source>匯入時推定或未匯入的內容（{0} 項），請核對：</source>
        <translation>Guessed or left out on import ({0}), please check:</translation>
    </message>
    <message>
        <source>（無評核指標）</source>
        <translation>(no indicator)</translation>
    </message>
</context>
<context>
    <name>LastPeriodDialog</name>
    <message>
        <source>上期對應</source>
        <translation>Last Period&apos;s Rows</translation>
    </message>
    <message>
        <source>本期評核列</source>
        <translation>This period&apos;s row</translation>
    </message>
    <message>
        <source>上期評核列</source>
        <translation>Last period&apos;s row</translation>
    </message>
    <message>
        <source>信心</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <source>只列出依相似度對應或沒有對應的列(&amp;O)</source>
        <translation>&amp;Only rows matched by likeness or without a match</translation>
    </message>
    <message>
        <source>指定(&amp;S)</source>
        <translation>&amp;Set</translation>
    </message>
    <message>
        <source>上期對應列：</source>
        <translation>Last period&apos;s row:</translation>
    </message>
    <message>
        <source>這份報告尚未連結上期報告。</source>
        <translation>This report is not linked to last period&apos;s report.</translation>
    </message>
    <message>
        <source>上期報告：{0}（{1}，{2} 列）。本期 {3} 列中 {4} 列有對應，{5} 列依相似度對應（{6} 列信心偏低），{7} 列沒有對應。</source>
        <translation>Last period&apos;s report: {0} ({1}, {2} rows). {4} of this period&apos;s {3} rows are matched, {5} by likeness ({6} with low confidence); {7} have no match.</translation>
    </message>
    <message>
        <source>（沒有對應）</source>
        <translation>(no match)</translation>
    </message>
    <message>
        <source>（自動對應）</source>
        <translation>(match automatically)</translation>
    </message>
    <message>
        <source>（上期沒有對應的列）</source>
        <translation>(no row in last period)</translation>
    </message>
    <message>
        <source>修正上期對應</source>
        <translation>Fix Last Period Match</translation>
    </message>
</context>
<context>
    <name>LastPeriodLinker</name>
    <message>
        <source>連結上期報告</source>
        <translation>Link Last Period&apos;s Report</translation>
    </message>
    <message>
        <source>報告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>「{0}」就是這份報告，請選擇上一期的報告。</source>
        <translation>{0} is this report itself; choose last period&apos;s report.</translation>
    </message>
    <message>
        <source>無法連結上期報告</source>
        <translation>Cannot Link Last Period&apos;s Report</translation>
    </message>
</context>
<context>
    <name>LastPeriodPanel</name>
    <message>
        <source>標示與本期的差異(&amp;D)</source>
        <translation>Mark the &amp;differences from this period</translation>
    </message>
    <message>
        <source>帶入上期內容(&amp;C)</source>
        <translation>&amp;Copy Last Period&apos;s Text</translation>
    </message>
    <message>
        <source>以上期的評核結果說明作為本期的起點（可復原）</source>
        <translation>Start from last period&apos;s result (can be undone)</translation>
    </message>
    <message>
        <source>上期（{0}）</source>
        <translation>Last period ({0})</translation>
    </message>
    <message>
        <source>修正對應…</source>
        <translation>Fix the match…</translation>
    </message>
    <message>
        <source>上期沒有對應的評核列。</source>
        <translation>No matching row in last period.</translation>
    </message>
    <message>
        <source>評核項目文字不同，依相似度對應（信心 {0:.0%}）：「{1}」</source>
        <translation>Criterion reworded, matched by likeness (confidence {0:.0%}): {1}</translation>
    </message>
    <message>
        <source>同一評核列（人工指定）</source>
        <translation>Same row (set by hand)</translation>
    </message>
    <message>
        <source>同一評核列</source>
        <translation>Same row</translation>
    </message>
    <message>
        <source>（上期此列沒有內容）</source>
        <translation>(This row was empty last period)</translation>
    </message>
    <message>
        <source>本期已改寫，與上期大多不同。</source>
        <translation>Rewritten this period: mostly different from last period&apos;s.</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>檔案(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>編輯(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>檢視(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>說明(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>新增(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>新增一期(&amp;D)…</source>
        <translation>New perio&amp;d…</translation>
    </message>
    <message>
        <source>開啟(&amp;O)…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>最近開啟(&amp;R)</source>
        <translation>&amp;Recent Files</translation>
    </message>
    <message>
        <source>儲存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>另存新檔(&amp;A)…</source>
        <translation>Save &amp;As…</translation>
    </message>
    <message>
        <source>還原備份…</source>
        <translation>Restore Backup…</translation>
    </message>
    <message>
        <source>報告資訊(&amp;M)…</source>
        <translation>Report De&amp;tails…</translation>
    </message>
    <message>
        <source>匯入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Excel 評核表（.xlsx）…</source>
        <translation>Excel Assessment Sheet (.xlsx)…</translation>
    </message>
    <message>
        <source>Word 或 JSON…</source>
        <translation>Word or JSON…</translation>
    </message>
    <message>
        <source>匯出(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>Word 文件（.docx）…</source>
        <translation>Word document (.docx)…</translation>
    </message>
    <message>
        <source>Word 審閱版（以修訂標示各單位的修改）…</source>
        <translation>Word for review (each unit&apos;s changes as tracked changes)…</translation>
    </message>
    <message>
        <source>PDF（.pdf）…</source>
        <translation>PDF (.pdf)…</translation>
    </message>
    <message>
        <source>Excel 活頁簿（.xlsx）…</source>
        <translation>Excel workbook (.xlsx)…</translation>
    </message>
    <message>
        <source>Word 文件，標示與上期的差異（.docx）…</source>
        <translation>Word Document Marking Changes From Last Period (.docx)…</translation>
    </message>
    <message>
        <source>列印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>預覽列印(&amp;V)…</source>
        <translation>Print Pre&amp;view…</translation>
    </message>
    <message>
        <source>設定…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>結束(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>復原(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>取消復原(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>剪下(&amp;T)</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <source>複製(&amp;C)</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>貼上(&amp;P)</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>尋找(&amp;F)…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <source>取代(&amp;E)…</source>
        <translation>R&amp;eplace…</translation>
    </message>
    <message>
        <source>範本編輯模式</source>
        <translation>Template Editing Mode</translation>
    </message>
    <message>
        <source>評核架構</source>
        <translation>Criteria Structure</translation>
    </message>
    <message>
        <source>新增同層項目</source>
        <translation>Add Sibling</translation>
    </message>
    <message>
        <source>新增下層項目</source>
        <translation>Add Child</translation>
    </message>
    <message>
        <source>重新命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>刪除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <source>全部展開</source>
        <translation>Expand All</translation>
    </message>
    <message>
        <source>全部摺疊</source>
        <translation>Collapse All</translation>
    </message>
    <message>
        <source>清除篩選</source>
        <translation>Clear Filter</translation>
    </message>
    <message>
        <source>上一列</source>
        <translation>Previous Row</translation>
    </message>
    <message>
        <source>下一列</source>
        <translation>Next Row</translation>
    </message>
    <message>
        <source>切換評核項目樹／評核結果說明</source>
        <translation>Switch Between Tree and Result</translation>
    </message>
    <message>
        <source>各單位進度</source>
        <translation>Progress by Unit</translation>
    </message>
    <message>
        <source>檢查文字(&amp;K)</source>
        <translation>Chec&amp;k Text</translation>
    </message>
    <message>
        <source>承辦單位(&amp;U)…</source>
        <translation>&amp;Units…</translation>
    </message>
    <message>
        <source>分割草稿…</source>
        <translation>Split Drafts…</translation>
    </message>
    <message>
        <source>合併草稿…</source>
        <translation>Merge Drafts…</translation>
    </message>
    <message>
        <source>連結上期報告…</source>
        <translation>Link Last Period&apos;s Report…</translation>
    </message>
    <message>
        <source>上期對應…</source>
        <translation>Last Period&apos;s Rows…</translation>
    </message>
    <message>
        <source>使用說明(&amp;G)</source>
        <translation>User &amp;Guide</translation>
    </message>
    <message>
        <source>快速鍵</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <source>關於(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>工具列</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>範本編輯模式可以新增、改名、刪除或移動評核項目。確定要開啟嗎？</source>
        <translation>Template editing mode lets you add, rename, delete or move criteria. Turn it on?</translation>
    </message>
    <message>
        <source>復原：{0}</source>
        <translation>Undo: {0}</translation>
    </message>
    <message>
        <source>取消復原：{0}</source>
        <translation>Redo: {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>無法開啟</source>
        <translation>Cannot Open</translation>
    </message>
    <message>
        <source>注意</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>無法備份：{0}</source>
        <translation>Cannot back up: {0}</translation>
    </message>
    <message>
        <source>無法儲存：{0}&#x3000;修改仍保留在畫面上，會再試著儲存。</source>
        <translation>Cannot save: {0} Your changes stay on screen and saving will be tried again.</translation>
    </message>
    <message>
        <source>這份報告正由另一個程式（可能經由另一個檔名或連結）編輯，目前以唯讀方式開啟。</source>
        <translation>This report is being edited by another program (perhaps through another name or link for the same file); it is open read-only.</translation>
    </message>
    <message>
        <source>這份報告正由 {0}（電腦 {1}，自 {2} 起）編輯，目前以唯讀方式開啟。</source>
        <translation>This report is being edited by {0} (computer {1}, since {2}); it is open read-only.</translation>
    </message>
    <message>
        <source>這份報告以唯讀方式開啟（檔案無法寫入），修改不會儲存。</source>
        <translation>This report is open read-only (the file cannot be written); changes are not saved.</translation>
    </message>
    <message>
        <source>評核報告編輯器</source>
        <translation>Assessment Report Editor</translation>
    </message>
    <message>
        <source>未命名</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>唯讀</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <source>儲存中</source>
        <translation>Saving</translation>
    </message>
    <message>
        <source>未儲存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>已儲存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>網路或卸除式磁碟：安全模式</source>
        <translation>Network or removable disk: safe mode</translation>
    </message>
    <message>
        <source>完成 {0}/{1} 列，未寫 {2} 列</source>
        <translation>{0}/{1} rows done, {2} rows empty</translation>
    </message>
    <message>
        <source>所有修改都已存入檔案。</source>
        <translation>All changes are already in the file.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>合併草稿</source>
        <translation>Merge Drafts</translation>
    </message>
    <message>
        <source>選擇草稿檔…</source>
        <translation>Choose Draft Files…</translation>
    </message>
    <message>
        <source>我的（報告目前的內容）</source>
        <translation>Mine (the report now)</translation>
    </message>
    <message>
        <source>對方（草稿）</source>
        <translation>Theirs (draft)</translation>
    </message>
    <message>
        <source>保留我的</source>
        <translation>Keep Mine</translation>
    </message>
    <message>
        <source>採用對方</source>
        <translation>Take Theirs</translation>
    </message>
    <message>
        <source>兩者都保留</source>
        <translation>Keep Both</translation>
    </message>
    <message>
        <source>編輯…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>在這裡修改合併後的文字，每段一行；按「套用修改」寫回報告。</source>
        <translation>Edit the merged text here, one paragraph per line; press “Apply Edit” to write it to the report.</translation>
    </message>
    <message>
        <source>套用修改</source>
        <translation>Apply Edit</translation>
    </message>
    <message>
        <source>匯出合併報告…</source>
        <translation>Export Merge Report…</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>選擇草稿檔</source>
        <translation>Choose Draft Files</translation>
    </message>
    <message>
        <source>報告與草稿</source>
        <translation>Reports and drafts</translation>
    </message>
    <message>
        <source>匯出合併報告</source>
        <translation>Export Merge Report</translation>
    </message>
    <message>
        <source>無法匯出合併報告</source>
        <translation>Cannot Export the Merge Report</translation>
    </message>
    <message>
        <source>沒有待處理的衝突。</source>
        <translation>No conflicts left to settle.</translation>
    </message>
    <message>
        <source>「{unit}」修改了其他單位的列（這一列屬於「{owner}」）的「{field}」，請決定是否採用。</source>
        <translation>&quot;{unit}&quot; changed the {field} of another unit&apos;s row (it belongs to &quot;{owner}&quot;); decide whether to take it.</translation>
    </message>
    <message>
        <source>「{unit}」的草稿與報告都改了「{field}」，請選擇要保留的內容。</source>
        <translation>Both the draft of “{unit}” and the report changed “{field}”; choose what to keep.</translation>
    </message>
    <message>
        <source>對方（{unit}的草稿）</source>
        <translation>Theirs ({unit}&apos;s draft)</translation>
    </message>
    <message>
        <source>修改「{title}」的{field}：</source>
        <translation>Edit the {field} of “{title}”:</translation>
    </message>
    <message>
        <source>修改合併結果</source>
        <translation>Edit merge result</translation>
    </message>
    <message>
        <source>把單位傳回的檔案拖進這個視窗：分割草稿、報告檔副本，或 JSON、Excel、Word 匯出檔；或按「選擇草稿檔…」（可一次選多個）。</source>
        <translation>Drop the files units sent back into this window: split drafts, copies of the report file, or JSON, Excel and Word exports; or press “Choose Draft Files…” (several at once).</translation>
    </message>
</context>
<context>
    <name>NewPeriodDialog</name>
    <message>
        <source>新增一期</source>
        <translation>New period</translation>
    </message>
    <message>
        <source>2. 這一期的報告資訊</source>
        <translation>2. This period&apos;s report details</translation>
    </message>
    <message>
        <source>建立(&amp;C)</source>
        <translation>&amp;Create</translation>
    </message>
    <message>
        <source>評核項目</source>
        <translation>Criteria</translation>
    </message>
    <message>
        <source>承辦單位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>1. 評核項目從哪裡來</source>
        <translation>1. Where the criteria come from</translation>
    </message>
    <message>
        <source>上一期的報告檔（.sqreport、Word 或 Excel）(&amp;L)</source>
        <translation>&amp;Last period&apos;s report file (.sqreport, Word or Excel)</translation>
    </message>
    <message>
        <source>內建的評核項目(&amp;B)</source>
        <translation>&amp;Built-in criteria</translation>
    </message>
    <message>
        <source>尚未選擇檔案</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>選擇檔案(&amp;F)…</source>
        <translation>Choose &amp;file…</translation>
    </message>
    <message>
        <source>3. 新報告存成</source>
        <translation>3. Save the new report as</translation>
    </message>
    <message>
        <source>換資料夾(&amp;W)…</source>
        <translation>Ot&amp;her folder…</translation>
    </message>
    <message>
        <source>檔名(&amp;N)：</source>
        <translation>File &amp;name:</translation>
    </message>
    <message>
        <source>資料夾：</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>上一期的報告檔</source>
        <translation>Last period&apos;s report file</translation>
    </message>
    <message>
        <source>評核報告 ({0})</source>
        <translation>Assessment reports ({0})</translation>
    </message>
    <message>
        <source>{0} 個構面、{1} 列參考標準。</source>
        <translation>{0} sections, {1} standard rows. </translation>
    </message>
    <message>
        <source>承辦單位沿用上一期：{0}。</source>
        <translation>Units kept from last period: {0}. </translation>
    </message>
    <message>
        <source>評核結果說明、狀態與審閱意見都是空白的。</source>
        <translation>Results, statuses and review comments start empty.</translation>
    </message>
    <message>
        <source>新報告存放的資料夾</source>
        <translation>Folder for the new report</translation>
    </message>
    <message>
        <source>請填機關名稱。</source>
        <translation>Enter the agency&apos;s name.</translation>
    </message>
    <message>
        <source>請輸入新報告的檔名。</source>
        <translation>Enter a file name for the new report.</translation>
    </message>
</context>
<context>
    <name>NodeKind</name>
    <message>
        <source>構面</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>評核項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>評核指標</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>參考標準</source>
        <translation>Reference standard</translation>
    </message>
</context>
<context>
    <name>Period</name>
    <message>
        <source>上半年</source>
        <translation>First half</translation>
    </message>
    <message>
        <source>下半年</source>
        <translation>Second half</translation>
    </message>
    <message>
        <source>全年</source>
        <translation>Full year</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>承辦單位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>列數</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>未寫</source>
        <translation>Empty</translation>
    </message>
    <message>
        <source>各單位進度</source>
        <translation>Progress by Unit</translation>
    </message>
    <message>
        <source>改寫</source>
        <translation>Rewritten</translation>
    </message>
    <message>
        <source>沿用上期</source>
        <translation>Carried over</translation>
    </message>
    <message>
        <source>與上期的評核結果說明相同或幾乎相同的列</source>
        <translation>Rows whose result is the same or nearly the same as last period&apos;s</translation>
    </message>
    <message>
        <source>（未指派）</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>ReportInfoDialog</name>
    <message>
        <source>報告資訊</source>
        <translation>Report details</translation>
    </message>
    <message>
        <source>修改報告資訊</source>
        <translation>Change report details</translation>
    </message>
</context>
<context>
    <name>ReportInfoForm</name>
    <message>
        <source>例如 經濟部</source>
        <translation>e.g. the ministry</translation>
    </message>
    <message>
        <source>例如 經濟部工業局</source>
        <translation>e.g. the agency</translation>
    </message>
    <message>
        <source>民國 </source>
        <translation>Year </translation>
    </message>
    <message>
        <source> 年度</source>
        <translation> (ROC)</translation>
    </message>
    <message>
        <source>例如 111-06-10 或 111年6月10日</source>
        <translation>e.g. 111-06-10 (ROC year)</translation>
    </message>
    <message>
        <source>部會(&amp;M)：</source>
        <translation>&amp;Ministry:</translation>
    </message>
    <message>
        <source>機關名稱(&amp;A)：</source>
        <translation>&amp;Agency:</translation>
    </message>
    <message>
        <source>年度(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>期間(&amp;P)：</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>資料截止日期(&amp;D)：</source>
        <translation>Data cut-off &amp;date:</translation>
    </message>
    <message>
        <source>報告標題：</source>
        <translation>Report title:</translation>
    </message>
    <message>
        <source>資料截止日期「{0}」看不懂，請寫成 111-06-10 或 111年6月10日。</source>
        <translation>Cannot read the cut-off date &quot;{0}&quot;; write it as 111-06-10 (ROC year).</translation>
    </message>
</context>
<context>
    <name>ReportTreeModel</name>
    <message>
        <source>評核項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>（無評核指標）</source>
        <translation>(no indicator)</translation>
    </message>
    <message>
        <source>狀態：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <source>承辦單位：</source>
        <translation>Unit: </translation>
    </message>
    <message>
        <source>（未指派）</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <source>文字檢查：{0} 個問題</source>
        <translation>Text check: {0} problems</translation>
    </message>
    <message>
        <source>已完成 {0}/{1} 列</source>
        <translation>{0}/{1} rows done</translation>
    </message>
</context>
<context>
    <name>ResultEditor</name>
    <message>
        <source>增加清單層級</source>
        <translation>Increase List Level</translation>
    </message>
    <message>
        <source>減少清單層級</source>
        <translation>Decrease List Level</translation>
    </message>
    <message>
        <source>貼上並清理（網頁或 PDF 文字）</source>
        <translation>Paste and Clean (Web or PDF Text)</translation>
    </message>
    <message>
        <source>轉為臺灣正體…</source>
        <translation>Convert to Taiwan Traditional…</translation>
    </message>
    <message>
        <source>中文後自動轉全形標點</source>
        <translation>Full-width Punctuation after Chinese</translation>
    </message>
    <message>
        <source>變更清單層級</source>
        <translation>Change list level</translation>
    </message>
    <message>
        <source>輸入文字</source>
        <translation>Typing</translation>
    </message>
    <message>
        <source>貼上</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>轉為臺灣正體</source>
        <translation>Convert to Taiwan Traditional</translation>
    </message>
    <message>
        <source>改為「{0}」</source>
        <translation>Change to “{0}”</translation>
    </message>
    <message>
        <source>一次改好這一段的 {0} 處</source>
        <translation>Fix all {0} in this paragraph</translation>
    </message>
    <message>
        <source>刪除「{0}」</source>
        <translation>Delete “{0}”</translation>
    </message>
    <message>
        <source>全部套用（報告中共 {0} 處）</source>
        <translation>Apply Everywhere ({0} in the report)</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>將「{0}」加入字典</source>
        <translation>Add “{0}” to the Dictionary</translation>
    </message>
</context>
<context>
    <name>ReviewExportDialog</name>
    <message>
        <source>匯出 Word 審閱版</source>
        <translation>Export Word for Review</translation>
    </message>
    <message>
        <source>選定時間點之後各單位的修改，會以 Word 的修訂（插入、刪除）標示，作者為該單位，時間為修改的時間，主管可用 Word 的「校閱」逐項接受或拒絕。審閱後的檔案可用「合併草稿」合併回來。</source>
        <translation>Each unit&apos;s changes after the chosen point are marked as Word tracked changes (insertions and deletions), with the unit as author and the time of the change, so a supervisor can accept or reject each one with Word&apos;s Review tools. The reviewed file merges back with Merge Drafts.</translation>
    </message>
    <message>
        <source>上次分割草稿以來(&amp;P)</source>
        <translation>Since drafts were last s&amp;plit</translation>
    </message>
    <message>
        <source>上次匯出以來(&amp;X)</source>
        <translation>Since the last e&amp;xport</translation>
    </message>
    <message>
        <source>自此日期起(&amp;D)</source>
        <translation>Since this &amp;date</translation>
    </message>
    <message>
        <source>（這份報告沒有紀錄）</source>
        <translation>(not recorded in this report)</translation>
    </message>
</context>
<context>
    <name>RowForm</name>
    <message>
        <source>未指派</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>審閱意見（不會印出）</source>
        <translation>Review comment (not printed)</translation>
    </message>
    <message>
        <source>{0} 字</source>
        <translation>{0} characters</translation>
    </message>
    <message>
        <source>帶入上期內容</source>
        <translation>Copy Last Period&apos;s Text</translation>
    </message>
    <message>
        <source>最後編輯：{0}，{1}</source>
        <translation>Last edited by {0}, {1}</translation>
    </message>
    <message>
        <source>解除鎖定(&amp;L)</source>
        <translation>Un&amp;lock</translation>
    </message>
    <message>
        <source>（未指派）</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <source>這一列屬於「{0}」，在「{1}」的草稿中不能修改。若確實需要代為修改，請按「解除鎖定」：合併時協調人會看到這是修改了其他單位的列，由協調人決定是否採用。</source>
        <translation>This row belongs to &quot;{0}&quot; and cannot be changed in the draft of &quot;{1}&quot;. If you must change it for them, press Unlock: the merge shows the coordinator that another unit&apos;s row was changed, and the coordinator decides.</translation>
    </message>
    <message>
        <source>這一列屬於「{0}」，已解除鎖定：這裡的修改在合併時會列為「修改了其他單位的列」。</source>
        <translation>This row belongs to &quot;{0}&quot; and was unlocked: changes here are listed as &quot;changed another unit&apos;s row&quot; in the merge.</translation>
    </message>
    <message>
        <source>解除鎖定：{0}</source>
        <translation>Unlock: {0}</translation>
    </message>
    <message>
        <source>評核結果說明(&amp;R)</source>
        <translation>&amp;Result</translation>
    </message>
    <message>
        <source>狀態(&amp;S)</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>承辦單位(&amp;U)</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <source>審閱意見(&amp;M)</source>
        <translation>Review co&amp;mment</translation>
    </message>
    <message>
        <source>尚未編輯</source>
        <translation>Not edited yet</translation>
    </message>
    <message>
        <source>輸入文字</source>
        <translation>Typing</translation>
    </message>
    <message>
        <source>編輯審閱意見</source>
        <translation>Edit review comment</translation>
    </message>
    <message>
        <source>修改參考標準</source>
        <translation>Edit reference standard</translation>
    </message>
    <message>
        <source>變更承辦單位</source>
        <translation>Change unit</translation>
    </message>
    <message>
        <source>變更狀態</source>
        <translation>Change status</translation>
    </message>
</context>
<context>
    <name>RowsPanel</name>
    <message>
        <source>本構面共 {0} 列：完成 {1} 列，未寫 {2} 列。請在左邊選擇評核項目或指標。</source>
        <translation>This section has {0} rows: {1} done, {2} empty. Choose an item or indicator on the left.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>介面語言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>重新啟動程式後生效。</source>
        <translation>Takes effect when the program is restarted.</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>分割草稿</source>
        <translation>Split Drafts</translation>
    </message>
    <message>
        <source>為哪些承辦單位各寫出一份草稿：</source>
        <translation>Write one draft for each of these units:</translation>
    </message>
    <message>
        <source>報告還沒有承辦單位，請先在各列指派承辦單位。</source>
        <translation>The report has no units yet; assign a unit to the rows first.</translation>
    </message>
    <message>
        <source>瀏覽(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>分割(&amp;S)</source>
        <translation>&amp;Split</translation>
    </message>
    <message>
        <source>存放資料夾：</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>存放資料夾</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>已寫出：</source>
        <translation>Written:</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>未填</source>
        <translation>Empty</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>待審</source>
        <translation>For review</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>StepCommand</name>
    <message>
        <source>復原：{}</source>
        <translation>Undo: {}</translation>
    </message>
</context>
<context>
    <name>StructureActions</name>
    <message>
        <source>新{0}</source>
        <translation>New {0}</translation>
    </message>
    <message>
        <source>新增{0}</source>
        <translation>Add {0}</translation>
    </message>
    <message>
        <source>重新命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>重新命名{0}</source>
        <translation>Rename {0}</translation>
    </message>
    <message>
        <source>刪除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>確定要刪除「{0}」及其下 {1} 列嗎？（可以復原）</source>
        <translation>Delete “{0}” and its {1} rows? (This can be undone.)</translation>
    </message>
    <message>
        <source>刪除{0}</source>
        <translation>Delete {0}</translation>
    </message>
    <message>
        <source>移動{0}</source>
        <translation>Move {0}</translation>
    </message>
</context>
<context>
    <name>UnitsDialog</name>
    <message>
        <source>承辦單位</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>單位名稱，例如 資訊室</source>
        <translation>Unit name, e.g. the IT office</translation>
    </message>
    <message>
        <source>新增(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>改名(&amp;R)</source>
        <translation>&amp;Rename</translation>
    </message>
    <message>
        <source>併入(&amp;M)</source>
        <translation>&amp;Merge into</translation>
    </message>
    <message>
        <source>移除(&amp;D)</source>
        <translation>Remo&amp;ve</translation>
    </message>
    <message>
        <source>改名：選一個單位，輸入新名稱，按「改名」，所有列跟著改。
併入：選打錯的單位，輸入正確的單位名稱，按「併入」，它的列都改給正確的單位。
在左邊的評核項目樹選取構面、項目或幾列（按住 Ctrl 多選），再按下面的按鈕一次指派。</source>
        <translation>Rename: pick a unit, type the new name, press Rename; every row follows.
Merge into: pick the misspelt unit, type the right name, press Merge into; its rows go to the right unit.
Select a section, an item or several rows in the criteria tree (Ctrl for several), then press the button below to assign them at once.</translation>
    </message>
    <message>
        <source>單位名稱(&amp;N)：</source>
        <translation>Unit &amp;name:</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{0}（{1} 列）</source>
        <translation>{0} ({1} rows)</translation>
    </message>
    <message>
        <source>指派給選取的項目（請先在評核項目樹選取，並選一個單位）</source>
        <translation>Assign to the selection (select in the criteria tree and choose a unit first)</translation>
    </message>
    <message>
        <source>把「{0}」的 {1} 列都交給「{2}」(&amp;G)</source>
        <translation>&amp;Give the {1} rows of &quot;{0}&quot; to &quot;{2}&quot;</translation>
    </message>
    <message>
        <source>選取的 {0} 項</source>
        <translation>{0} selected items</translation>
    </message>
    <message>
        <source>新增單位：{0}</source>
        <translation>Add unit: {0}</translation>
    </message>
    <message>
        <source>已新增「{0}」。</source>
        <translation>Added &quot;{0}&quot;.</translation>
    </message>
    <message>
        <source>請先在清單中選一個單位。</source>
        <translation>Pick a unit in the list first.</translation>
    </message>
    <message>
        <source>單位改名：{0} → {1}</source>
        <translation>Rename unit: {0} → {1}</translation>
    </message>
    <message>
        <source>「{0}」已改名為「{1}」，它的列都跟著改了。</source>
        <translation>&quot;{0}&quot; is now &quot;{1}&quot;, and so are its rows.</translation>
    </message>
    <message>
        <source>請在清單中選要併掉的單位，並在「單位名稱」輸入清單中另一個單位。</source>
        <translation>Pick the unit to merge away in the list and type another unit of the list under Unit name.</translation>
    </message>
    <message>
        <source>合併單位：{0} 併入 {1}</source>
        <translation>Merge units: {0} into {1}</translation>
    </message>
    <message>
        <source>「{0}」已併入「{1}」。</source>
        <translation>&quot;{0}&quot; was merged into &quot;{1}&quot;.</translation>
    </message>
    <message>
        <source>移除單位：{0}</source>
        <translation>Remove unit: {0}</translation>
    </message>
    <message>
        <source>已移除「{0}」。</source>
        <translation>Removed &quot;{0}&quot;.</translation>
    </message>
    <message>
        <source>指派承辦單位：{0} → {1}</source>
        <translation>Assign unit: {0} → {1}</translation>
    </message>
    <message>
        <source>「{0}」的列都交給「{1}」了。</source>
        <translation>The rows of &quot;{0}&quot; now belong to &quot;{1}&quot;.</translation>
    </message>
</context>
<context>
    <name>UserGuideDialog</name>
    <message>
        <source>使用說明</source>
        <translation>User Guide</translation>
    </message>
    <message>
        <source>找不到使用說明檔案：{0}</source>
        <translation>The user guide file was not found: {0}</translation>
    </message>
</context>
</TS>
