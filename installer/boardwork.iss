; Inno Setup 6 script: Boardwork-Setup-<version>.exe, a per-user install that needs no
; administrator rights, for managed council laptops. Build it on Windows after the PyInstaller
; build has made dist\Boardwork\ (installer\README.md gives every step):
;     iscc installer\boardwork.iss
; The installer is written to dist\Boardwork-Setup-<version>.exe.

#define AppName "Boardwork"
#define AppExe "Boardwork.exe"

; The version is written once, in pyproject.toml ([project] version = "x.y.z"); it is read from
; there unless given on the command line (iscc /DAppVersion=x.y.z ...).
#ifndef AppVersion
  #define VersionLine ""
  #define PyProject FileOpen(SourcePath + "..\pyproject.toml")
  #if !PyProject
    #error Cannot open pyproject.toml beside the installer folder
  #endif
  #for {VersionLine = ""; !FileEof(PyProject) && Pos('version = "', VersionLine) != 1; 0} \
    VersionLine = FileRead(PyProject)
  #expr FileClose(PyProject)
  #if Pos('version = "', VersionLine) != 1
    #error pyproject.toml has no line of the form: version = "x.y.z"
  #endif
  ; What follows 'version = "', up to the closing quote (so a CR or comment after it is left).
  #define VersionRest Copy(VersionLine, 12)
  #define AppVersion Copy(VersionRest, 1, Pos('"', VersionRest) - 1)
#endif

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{A016A8B9-FBED-4ECC-9ECA-536C7E817A92}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Boardwork
AppComments=Meetings, minutes, actions, membership and training for a Safeguarding Children Partnership
VersionInfoVersion={#AppVersion}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription={#AppName} installer

; Per user, without elevation: no UAC prompt, nothing written outside the user's profile.
PrivilegesRequired=lowest
; {userpf} is %LOCALAPPDATA%\Programs, where Windows keeps per-user programs.
DefaultDirName={userpf}\{#AppName}
DisableDirPage=auto
; The shortcut goes straight into the Start menu, with no folder of its own.
DisableProgramGroupPage=yes
UsePreviousAppDir=yes

; The build is 64-bit (the Python it was frozen with is). Qt 6.10 and later need Windows'
; own ICU (icuuc.dll), which Windows has from Windows 10 version 1903 (build 18362): on an
; older build (Windows 10 LTSC 2019 is 1809) the setup says so instead of installing a
; program that cannot start (installer/README.md, "Which Windows").
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.18362

#ifdef SignTool
; Signing (installer/README.md, "Signing"): iscc "/Ssigntool=signtool sign ... $f"
; /DSignTool=signtool signs the setup and its uninstaller with the council's certificate.
SignTool={#SignTool}
SignedUninstaller=yes
#endif

OutputDir=..\dist
OutputBaseFilename={#AppName}-Setup-{#AppVersion}
SetupIconFile=boardwork.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An upgrade closes a running Boardwork first (the database is safe: every change is committed
; when it is made).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Messages]
ConfirmUninstall=Remove %1 from this computer?%n%nYour Boardwork database, its backups and the key that opens it are kept: the database stays in your AppData\Local\Boardwork folder and its key in Windows Credential Manager. Installing Boardwork again opens them as they were.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so no module of the previous version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\Boardwork\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Meetings, minutes, actions and training"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder: Python writes __pycache__ there when the migrations run. The data
; folder (%LOCALAPPDATA%\Boardwork) is a different folder and is never touched.
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Code]
function DataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\Boardwork');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataFolder()) and not UninstallSilent() then
    MsgBox('Boardwork has been removed. Your database was kept, in:' + #13#10 + #13#10 +
      DataFolder() + #13#10 + #13#10 +
      'Installing Boardwork again opens it as it was. To remove it for good, make a backup ' +
      'if you need one, then delete that folder; its key stays in Windows Credential Manager ' +
      '(Windows Credentials mentioning Boardwork) until it is removed there.', mbInformation,
      MB_OK);
end;
