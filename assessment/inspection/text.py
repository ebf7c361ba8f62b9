"""Plain text is accepted when it is prose or data, not when it is markup or a program.

A text file is what a teacher types: notes, minutes, a list of links, a table. It must be
UTF-8 without stray control characters. It is refused when a browser would treat it as a
web page (any HTML tag, comment or processing instruction), when it is a script for a shell,
Windows (batch, PowerShell, VBScript, JScript), Python, Perl or AppleScript, or when Windows
or a Linux desktop would treat it as a shortcut or launcher. Whoever opens the download
sees `.txt`, but another program in between (a mail client, a file manager) may not care.

The signs are in two groups. A strong sign alone is code: no prose says `@echo off` or
`CreateObject(`. A weak sign could be an odd line of prose, so it takes two different ones.
"""

import re

from assessment.inspection.reasons import MARKUP, NOT_ACCEPTED, PROGRAM, SHORTCUT, refuse

# Tab, LF, form feed and CR are the only control characters plain text needs.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
FLAGS = re.IGNORECASE | re.MULTILINE

# What an HTML parser would act on: a tag (`<b>`, `<img src=x onerror=...>`, `<svg/onload=...>`,
# `</p>`), a comment, a declaration, a CDATA section or a processing instruction (`<?php`).
# `+ADw-` is "<" in UTF-7, which old browsers would decode.
MARKUP_SIGNS = re.compile(
    r"<[a-z][a-z0-9:-]*(?:[\s/][^<>]*)?>|</[a-z][a-z0-9:-]*\s*>|<!|<\?|\+AD[wW]-", FLAGS
)

SHORTCUT_SIGNS = re.compile(
    r"^\s*\[(?:Desktop Entry|InternetShortcut|\{000214A0-0000-0000-C000-000000000046\}|Shell|autorun)\]"
    r"|^\s*(?:Windows Registry Editor Version|REGEDIT4)\b"
    r"|^\s*\[HKEY_"
    r"|\AWEB\s*\n\s*1\s*\n\s*https?://",  # an Excel web query (.iqy)
    FLAGS,
)

STRONG_SIGNS = re.compile(
    "|".join(
        [
            # Unix shells
            r"\b(?:curl|wget)\b[^\n|]*\|\s*(?:sudo\s+)?(?:ba|z|k|da|c|tc)?sh\b",
            r"\b(?:curl|wget)\s+(?:-\S+\s+)*(?:https?|ftp)://",
            r"\b(?:ba|z|k|da)?sh\s+-[ci]\b",
            r"/dev/(?:tcp|udp)/",
            r"(?:^|[\s;&|])/(?:usr/)?bin/(?:ba|z|k|da|c|tc)?sh\b",
            r"\bchmod\s+(?:[ugoa]*\+[rwxs]+|[0-7]{3,4})\s",
            r"\brm\s+-(?:rf|fr|r)\b",
            r"\b(?:nc|ncat|netcat)\s+(?:-\w+\s+)*-e\b",
            r"\bmkfifo\b",
            r"\bbase64\s+(?:-d|--decode)\b",
            r"\bnohup\s+\S",
            r"(?:&&|;)\s*\./[\w.-]",
            r"\$\((?:curl|wget|echo|cat|base64)\b",
            r"\bsudo\s+\S",
            # Windows command prompt
            r"^\s*@?echo\s+off\b",
            r"\bcmd(?:\.exe)?\s+/[ckr]\b",
            r"%(?:comspec|~?dp0|temp|tmp|appdata|localappdata|userprofile|systemroot|windir|programdata)%",
            r"%~dp0",
            r"\b(?:certutil|bitsadmin|mshta|regsvr32|rundll32|wmic|schtasks|cscript|wscript|msiexec|vssadmin)"
            r"(?:\.exe)?\s+[/-]?\w",
            r"\breg(?:\.exe)?\s+(?:add|delete|import|query)\s",
            r"\bdel\s+/[fqsa]\b",
            r"^\s*start\s+(?:\"\"|/b\b|/min\b|/wait\b)",
            r"^\s*(?:goto|call)\s+:\w",
            r"^\s*setlocal\b",
            # PowerShell
            r"\b(?:powershell|pwsh)(?:\.exe)?\s+-\w",
            r"\b(?:Invoke-(?:Expression|WebRequest|RestMethod|Command|Item|WmiMethod)|Start-Process|New-Object"
            r"|Set-ExecutionPolicy|Add-Type|Get-WmiObject|Start-BitsTransfer|Set-MpPreference|Add-MpPreference"
            r"|Register-ScheduledTask|New-ItemProperty|Set-ItemProperty|Remove-Item|Get-ChildItem|Write-Host"
            r"|Out-File|Set-Content|Get-Content|Get-Process|Stop-Process|ConvertTo-SecureString)\b",
            r"\biex\s*[(\"'$]|\|\s*iex\b",
            r"\.Download(?:String|File|Data)\s*\(",
            r"\bNet\.WebClient\b",
            r"\[(?:System\.)?(?:Convert|Text\.Encoding|IO\.File|Reflection\.Assembly|Diagnostics\.Process)\]::",
            r"\s-(?:EncodedCommand|ExecutionPolicy|NoProfile|WindowStyle|NonInteractive)\b",
            r"\$env:\w",
            r"\$(?:PSHOME|ExecutionContext|PSVersionTable|PSScriptRoot)\b",
            # VBScript and JScript (Windows Script Host), and JavaScript
            r"\b(?:Create|Get)Object\s*\(",
            r"\bWScript\.\w",
            r"\bActiveXObject\b",
            r"\b(?:Shell\.Application|Scripting\.FileSystemObject|ADODB\.Stream|MSXML2\.\w+|WinHttp\.\w+)\b",
            r"\bOn\s+Error\s+Resume\s+Next\b",
            r"^\s*End\s+(?:Sub|Function)\s*$",
            r"\bExecute(?:Global)?\s*\(",
            r"\beval\s*\(",
            r"\bnew\s+Function\s*\(",
            r"\bdocument\.(?:write|cookie|location|createElement|body)\b",
            r"\bwindow\.(?:location|open|eval|atob)\b",
            r"\bString\.fromCharCode\s*\(",
            r"\bXMLHttpRequest\b",
            r"\brequire\s*\(\s*['\"](?:child_process|fs|net|http|https|os)['\"]",
            r"\bprocess\.(?:env|exit|mainModule|binding)\b",
            r"\b(?:unescape|atob)\s*\(",
            r"\b(?:javascript|vbscript|livescript):\S",
            r"\bdata:text/html\b",
            # Python, Perl, Ruby, PHP, AppleScript
            r"^\s*import\s+(?:os|sys|subprocess|socket|pty|ctypes|urllib|requests|base64)\b",
            r"^\s*from\s+(?:os|subprocess|socket|pty|ctypes|urllib)\b[\w.]*\s+import\b",
            r"\bos\.(?:system|popen|exec\w*|spawn\w*)\s*\(",
            r"\bsubprocess\.\w+\s*\(",
            r"\b__import__\s*\(",
            r"\bpty\.spawn\b",
            r"\bsocket\.socket\s*\(",
            r"\bexec\s*\(",
            r"^\s*use\s+(?:strict|warnings|Socket|IO::Socket\S*)\s*;",
            r"\bsystem\s*\(\s*['\"]",
            r"\b(?:perl|ruby|php|node)\s+-[erR]\b",
            r"\bpython[0-9.]*\s+-c\b",
            r"\bdo\s+shell\s+script\b",
            r"\btell\s+application\s+\"",
        ]
    ),
    FLAGS,
)

# Each could be a line of prose; two different ones are a program.
WEAK_SIGNS = [
    re.compile(pattern, FLAGS)
    for pattern in [
        r"^\s*(?:Dim|ReDim)\s+\w+(?:\s*,\s*\w+)*\s*(?:As\s+\w+)?\s*$",
        r"^\s*Set\s+\w+\s*=\s*\w",
        r"^\s*(?:Private\s+|Public\s+)?(?:Sub|Function)\s+\w+\s*\(",
        r"^\s*(?:var|let|const)\s+\w+\s*=",
        r"\bfunction\s*\w*\s*\([^)]*\)\s*\{",
        r"=>\s*\{",
        r"^\s*(?:if\s+\[|fi|then|do|done|esac|elif\s)\s*;?\s*$",
        r"^\s*(?:echo|printf)\s+[\"'$%\w]",
        r"^\s*set\s+/?\w+=",
        r"^\s*:[a-z_]\w*\s*$",
        r"^\s*\$\w+\s*=",
        r"^\s*export\s+\w+=",
        r"^\s*alias\s+\w+=",
        r"^\s*(?:ping|ipconfig|whoami|netstat|tasklist|taskkill|nslookup|ifconfig)\s+-{0,2}[\w/.\\]",
        r"^\s*Exec\s*=",
        r"^\s*URL\s*=\s*\w+:",
        r"^\s*\w+(?:\.\w+)+\s*\([^)]*\)\s*;?\s*$",
    ]
]


def check_text(content: bytes) -> None:
    """Refuse unless the whole file is UTF-8 prose or data: no control characters, markup or code."""
    try:
        text = content.decode("utf-8-sig")  # drops a leading BOM
    except UnicodeDecodeError as error:
        raise refuse(NOT_ACCEPTED) from error
    if CONTROL.search(text):
        raise refuse(NOT_ACCEPTED)
    if MARKUP_SIGNS.search(text):
        raise refuse(MARKUP)
    if SHORTCUT_SIGNS.search(text):
        raise refuse(SHORTCUT)
    if STRONG_SIGNS.search(text) or sum(1 for sign in WEAK_SIGNS if sign.search(text)) >= 2:
        raise refuse(PROGRAM)
