; Inno Setup script: the per-user Windows installer of 服務品質報告編輯器 (sqeditor).
;
; Build with installer\build_windows.ps1: it runs PyInstaller (installer\sqeditor.spec -> dist\sqeditor\)
; and then  ISCC.exe /DAppVersion=<sqeditor.__version__> installer\sqeditor.iss  -> dist\sqeditor-setup-<version>.exe
; Needs Inno Setup 6.3 or later, with the unofficial ChineseTraditional.isl in its Languages folder
; (installer\README.md says where to get it). This file is UTF-8 with a BOM: Inno Setup reads
; non-ASCII scripts correctly only with one.
;
; What the clerk gets: no administrator prompt; the program under %LOCALAPPDATA%\Programs\sqeditor;
; a Start-menu shortcut and, if ticked, a desktop one; .sqreport files open in the editor on a
; double-click (registered for this Windows user only, under HKCU\Software\Classes). Uninstalling
; removes the program, shortcuts and file association, and never the clerk's reports, settings
; or backups (those live outside the program folder and are not listed below).

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (build_windows.ps1 reads it from sqeditor\__init__.py)
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\sqeditor"
#endif
#define AppName "服務品質報告編輯器"
#define AppExe "sqeditor.exe"
#define ProgId "sqeditor.report"

[Setup]
; Never change AppId: Windows and every later version of this installer find the installed copy by it.
AppId={{D2AB38A5-545F-42F5-940A-2CB6437D0C2E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=sqeditor
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={userpf}\sqeditor
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\resources\icons\sqeditor.ico
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=sqeditor-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=no

[Languages]
Name: "zh_TW"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面建立捷徑"; GroupDescription: "其他捷徑："; Flags: unchecked

[InstallDelete]
; an older version's libraries, so that an update never mixes two versions (program folder only)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "編輯提升服務品質自行評核項目及結果說明"
Name: "{group}\解除安裝{#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Software\Classes\.sqreport"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\.sqreport\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "服務品質報告"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "立即開啟{#AppName}"; Flags: nowait postinstall skipifsilent
