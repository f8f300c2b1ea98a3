; The Windows installer of Tóm Tắt, built with Debian's `nsis` (makensis 3)
; by `make package`:
;
;   makensis -DVERSION=0.1.0 -DBIN=DIR -DOUT=FILE.exe src-tauri/windows/installer.nsi
;
; BIN holds tomtat-app.exe (the desktop app), WebView2Loader.dll (which it
; loads WebView2 with, as a windows-gnu build does), tomtat.exe (the command
; line) and README.md. Installs for the current user only (no administrator
; rights asked): the files under %LOCALAPPDATA%\Programs\TomTat, a Start
; menu shortcut, "Open with" entries for the formats the app reads, and an
; uninstaller listed in Settings > Apps. The app draws with Microsoft Edge
; WebView2, part of Windows 10 and 11; on an older system without it the
; installer says where to get it.

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z is needed"
!endif
!ifndef BIN
  !error "makensis -DBIN=folder-with-the-exe-files is needed"
!endif
!ifndef OUT
  !define OUT "tomtat-${VERSION}-windows-x64-setup.exe"
!endif

!define NAME "Tóm Tắt"
!define APPEXE "tomtat-app.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\TomTat"
!define APP_KEY "Software\Classes\Applications\${APPEXE}"
; Microsoft's id of the WebView2 runtime in EdgeUpdate.
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${NAME}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\TomTat"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${NAME}"
VIAddVersionKey /LANG=0 "FileDescription" "${NAME} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "..\icons\icon.ico"
!define MUI_UNICON "..\icons\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPEXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default one.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString NoWebView ${LANG_VIETNAMESE} "Máy này chưa có Microsoft Edge WebView2, thứ Tóm Tắt cần để hiển thị cửa sổ (Windows 10 và 11 đã có sẵn). Tải về miễn phí tại https://developer.microsoft.com/microsoft-edge/webview2/ rồi mở lại Tóm Tắt."
LangString NoWebView ${LANG_ENGLISH} "This computer lacks Microsoft Edge WebView2, which Tóm Tắt needs to draw its window (Windows 10 and 11 have it). Get it free from https://developer.microsoft.com/microsoft-edge/webview2/ and start Tóm Tắt again."

; "Open with" for one extension: the app is offered, never made the default.
!macro OpenWith EXT
  WriteRegStr HKCU "Software\Classes\.${EXT}\OpenWithList\${APPEXE}" "" ""
  WriteRegStr HKCU "${APP_KEY}\SupportedTypes" ".${EXT}" ""
!macroend
!macro ForgetOpenWith EXT
  DeleteRegKey HKCU "Software\Classes\.${EXT}\OpenWithList\${APPEXE}"
!macroend

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "Tóm Tắt" Main
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${BIN}\${APPEXE}"
  File "${BIN}\WebView2Loader.dll"
  File "${BIN}\tomtat.exe"
  File "${BIN}\README.md"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\${APPEXE}"

  ; "Open with": the app takes the files as arguments (a running window
  ; adds them, see tauri-plugin-single-instance).
  WriteRegStr HKCU "${APP_KEY}" "FriendlyAppName" "${NAME}"
  WriteRegStr HKCU "${APP_KEY}\DefaultIcon" "" "$INSTDIR\${APPEXE},0"
  WriteRegStr HKCU "${APP_KEY}\shell\open\command" "" '"$INSTDIR\${APPEXE}" "%1"'
  !insertmacro OpenWith "docx"
  !insertmacro OpenWith "doc"
  !insertmacro OpenWith "odt"
  !insertmacro OpenWith "rtf"
  !insertmacro OpenWith "pdf"
  !insertmacro OpenWith "html"
  !insertmacro OpenWith "htm"
  !insertmacro OpenWith "txt"
  !insertmacro OpenWith "md"
  ; SHCNE_ASSOCCHANGED: Explorer reads the associations again.
  System::Call "shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APPEXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1

  ; WebView2 is per machine or per user; either will do.
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_ICONEXCLAMATION|MB_OK "$(NoWebView)" /SD IDOK
  ${EndIf}
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\${APPEXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\tomtat.exe"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${NAME}.lnk"
  !insertmacro ForgetOpenWith "docx"
  !insertmacro ForgetOpenWith "doc"
  !insertmacro ForgetOpenWith "odt"
  !insertmacro ForgetOpenWith "rtf"
  !insertmacro ForgetOpenWith "pdf"
  !insertmacro ForgetOpenWith "html"
  !insertmacro ForgetOpenWith "htm"
  !insertmacro ForgetOpenWith "txt"
  !insertmacro ForgetOpenWith "md"
  DeleteRegKey HKCU "${APP_KEY}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  System::Call "shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)"
SectionEnd
