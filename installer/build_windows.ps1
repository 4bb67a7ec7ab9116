<#
.SYNOPSIS
  Builds the Windows installer dist\sqeditor-setup-<version>.exe on a Windows PC.

.DESCRIPTION
  1. Makes (once) a virtual environment .venv-win with 64-bit Python 3.11 and installs the
     project with its test extras (they include PyInstaller).
  2. Runs PyInstaller on installer\sqeditor.spec: the program folder dist\sqeditor\
     (sqeditor.exe for the editor, sqeditor-cli.exe for the command line), then checks it
     with `sqeditor-cli.exe --self-test` and by exporting the built-in sample to .docx, .pdf
     and .xlsx in %TEMP%\sqeditor-bundle-check.
  3. Compiles installer\sqeditor.iss with Inno Setup's ISCC.exe, passing the version read
     from sqeditor\__init__.py (__version__), the only place it is written.

  Needs: Python 3.11 x64 (python.org installer, with the "py" launcher), Inno Setup 6.3 or
  later, and ChineseTraditional.isl in Inno Setup's Languages folder (see installer\README.md).
  No administrator rights are needed to build or to install.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1 -Iscc "D:\Tools\Inno Setup 6\ISCC.exe"
#>
param(
    [string]$Iscc = ""
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

# Windows PowerShell 5.1 turns every line a program writes to stderr into an error record when
# the output is redirected (a build log, a CI runner); under "Stop" the first INFO line PyInstaller
# writes there ends the build. So native programs run under "Continue", their stderr merged into
# the output as plain text, and only the exit code decides.
function Invoke-Native([string]$Exe, [string[]]$Arguments) {
    $saved = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try {
        & $Exe @Arguments 2>&1 | ForEach-Object { "$_" }
        $code = $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $saved
    }
    if ($code -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $code" }
}

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    Invoke-Native $Exe $Arguments | Out-Host
}

# Inno Setup first, so that a missing compiler stops the build before the long PyInstaller step.
if (-not $Iscc) {
    $candidates = @(
        (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source,
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe",
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe"
    )
    $Iscc = $candidates | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
}
if (-not $Iscc) { throw "ISCC.exe (Inno Setup 6) not found: install Inno Setup 6.3+ or pass -Iscc <path>" }
$ChineseMessages = Join-Path (Split-Path -Parent $Iscc) "Languages\ChineseTraditional.isl"
if (-not (Test-Path $ChineseMessages)) {
    throw "Missing $ChineseMessages : copy ChineseTraditional.isl from Inno Setup's unofficial translations there (installer\README.md)"
}

$Venv = Join-Path $Root ".venv-win"
$Python = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $Python)) { Invoke-Checked "py" @("-3.11-64", "-m", "venv", $Venv) }
Invoke-Checked $Python @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Checked $Python @("-m", "pip", "install", "--quiet", "-e", ".[test]")

$Version = ((Invoke-Native $Python @("-c", "import sqeditor; print(sqeditor.__version__)")) | Select-Object -Last 1).Trim()
if (-not $Version) { throw "cannot read sqeditor.__version__" }
Write-Host "Building sqeditor $Version"

Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--clean",
    "--distpath", "dist", "--workpath", "build", "installer\sqeditor.spec")
# the bundle on its own: data files, then the Qt platform, print and Word/Excel code paths
$Cli = Join-Path $Root "dist\sqeditor\sqeditor-cli.exe"
$Smoke = Join-Path $env:TEMP "sqeditor-bundle-check"
Remove-Item -Recurse -Force $Smoke -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force $Smoke | Out-Null
Invoke-Checked $Cli @("--self-test")
Invoke-Checked $Cli @("sample", "$Smoke\sample.sqreport")
foreach ($Format in @("docx", "pdf", "xlsx")) {
    Invoke-Checked $Cli @("export", "$Smoke\sample.sqreport", "-o", "$Smoke\sample.$Format")
}

Invoke-Checked $Iscc @("/Qp", "/DAppVersion=$Version", "installer\sqeditor.iss")
Write-Host "Installer: $(Join-Path $Root "dist\sqeditor-setup-$Version.exe")"
