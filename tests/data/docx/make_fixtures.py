"""Make the LibreOffice-written import fixtures: HTML → .docx, HTML → .odt → .docx, and a Word 97 .doc.

Agencies' old reports often went through LibreOffice: a web page saved as Word, or an ODT
document exported to .docx. The .docx files are committed, so the tests need no LibreOffice;
run this again (LibreOffice installed) to remake them:

    python tests/data/docx/make_fixtures.py
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A 2 x 2 px PNG: enough for LibreOffice to place a picture in the cell.
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73000000164944415478"
    "9c63f8cfc0f09f8181e1ff7f0686ff0c0c0000330d05fd2f6c8c6d0000000049454e44ae426082")).decode()

STYLE = "<style>td, th { border: 1px solid black; }</style>"

FROM_HTML = f"""<!DOCTYPE html><html><head><meta charset="utf-8">{STYLE}</head><body>
<p>經濟部工業局110年度下半年提升服務品質自行評核項目及結果說明</p>
<p>填報機關：經濟部工業局　截止日期：110年12月10日</p>
<table>
<tr><th>評核項目</th><th>評核指標</th><th>次評核指標<br>參考標準</th><th>評核結果說明（請條列）</th></tr>
<tr><td>壹、基礎服務</td><td></td><td></td><td></td></tr>
<tr><td rowspan="2">服務一致及正確性</td><td>訂定申辦業務標準作業流程</td>
<td>訂定申辦業務標準作業流程，維持服務措施處理一致性，且持續檢討申辦項目表單，進行簡化及標準化等。</td>
<td><ol><li>1. 本局主要發證案件為國內無產製證明、進口關稅減免、外銷品原料核退證明等。</li>
<li>受理「特定製程產業申請引進外勞」案件，作業流程如下：<ol>
<li>廠商檢附文件送交本局。</li><li>總收發分文送交業務組審查、到廠查訪、召開審查會議。</li></ol></li>
<li>限期發證，作業流程標準化。</li></ol></td></tr>
<tr><td>提升服務及時性</td><td>提升民眾申辦案件的處理效率，確保於處理時限內完成。</td>
<td><p>本局發證案件訂有標準作業工作天數，機動性輔以下列方式解決廠商疑問：</p>
<ul><li>電話</li><li>傳真</li></ul></td></tr>
<tr><td colspan="4">構面二：服務遞送</td></tr>
<tr><td>服務友善性</td><td>提升服務設施合宜度</td>
<td>進行環境美綠化及輔以舒適、明亮、整潔，建置民眾臨櫃洽公的合宜服務環境。</td>
<td><p>本局洽公環境滿意度調查結果如下：</p>
<table><tr><td>年度</td><td>件數</td></tr><tr><td>110</td><td>129</td></tr></table>
<p><img src="data:image/png;base64,{PNG}" width="40" height="40" alt="大廳照片"></p></td></tr>
</table></body></html>
"""

FROM_ODT = f"""<!DOCTYPE html><html><head><meta charset="utf-8">{STYLE}</head><body>
<p>中華民國110年12月10日</p>
<table>
<tr><th>評核項目</th><th>評核指標</th><th>次評核指標/參考標準</th><th>評核結果說明</th></tr>
<tr><td colspan="4">（一）基礎服務</td></tr>
<tr><td>服務一致及正確性</td><td>提高服務人員專業度</td>
<td>強化服務人員對涉及服務業務處理流程及相關法規之專業與熟悉程度。</td>
<td><p>1. 本局總機服務人員提供案件進度電話諮詢。</p><p>(1) 即時轉請承辦同仁協助諮詢。</p>
<p>甲、產創平台計畫作業。</p><p>2. 本局「產業升級創新平台輔導計畫」訂定計畫管理手冊。</p></td></tr>
</table>
<p style="page-break-before: always"></p>
<table>
<tr><th>評核項目</th><th>評核指標</th><th>次評核指標/參考標準</th><th>評核結果說明</th></tr>
<tr><td colspan="4">服務遞送構面</td></tr>
<tr><td>服務友善性</td><td>提升服務設施合宜度</td>
<td>檢視各項無障礙措施是否妥適安全並定期檢測維護。</td>
<td>營造友善無障礙洽公環境，包含設置愛心鈴、無障礙坡道、無障礙盥洗室等設備。</td></tr>
</table></body></html>
"""


def convert(source: Path, target_format: str, out_dir: Path, profile: Path, infilter: str = "") -> Path:
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target_format, "--outdir", str(out_dir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return out_dir / f"{source.stem}.{target_format.split(':')[0]}"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="lo-fixtures-") as tmp:
        work, profile = Path(tmp), Path(tmp) / "profile"
        html = work / "lo-from-html.html"
        html.write_text(FROM_HTML, encoding="utf-8")
        made = convert(html, "docx:MS Word 2007 XML", work, profile, "HTML (StarWriter)")
        shutil.copyfile(made, HERE / "lo-from-html.docx")
        html = work / "lo-from-odt.html"
        html.write_text(FROM_ODT, encoding="utf-8")
        odt = convert(html, "odt", work, profile, "HTML (StarWriter)")
        made = convert(odt, "docx:MS Word 2007 XML", work / "out", profile)
        shutil.copyfile(made, HERE / "lo-from-odt.docx")
        made = convert(HERE / "lo-from-html.docx", "doc:MS Word 97", work / "doc", profile)
        shutil.copyfile(made, HERE / "lo-from-html.doc")
    print("made", ", ".join(p.name for p in sorted(HERE.glob("lo-*"))))


if __name__ == "__main__":
    main()
