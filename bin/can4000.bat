@echo off
rem Runs can4000.jar on Windows with the JVM options measured best for it (see bin/can4000 and
rem docs/performance.md): -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m.
rem Override them with CAN4000_JAVA_OPTS; add jars with CAN4000_CLASSPATH (separated by ;);
rem CAN4000_JAR names another can4000.jar. Uses %JAVA_HOME%\bin\java.exe when JAVA_HOME is set.
setlocal EnableDelayedExpansion
set "HERE=%~dp0.."
if not defined CAN4000_JAR (
  if exist "%HERE%\lib\can4000.jar" (
    set "CAN4000_JAR=%HERE%\lib\can4000.jar"
  ) else (
    set "CAN4000_JAR=%HERE%\can4000-examples\target\can4000.jar"
  )
)
set "CP=%CAN4000_JAR%"
if defined CAN4000_CLASSPATH set "CP=!CP!;%CAN4000_CLASSPATH%"
rem optional commands live in their own modules and join the class path when built: bench (can4000-bench)
for %%F in ("%HERE%\can4000-bench\target\can4000-bench-*.jar") do (
  set "NAME=%%~nF"
  if /i not "!NAME:~-6!"=="-tests" if /i not "!NAME:~-8!"=="-sources" if /i not "!NAME:~-8!"=="-javadoc" set "CP=!CP!;%%~fF"
)
if not defined CAN4000_JAVA_OPTS set "CAN4000_JAVA_OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" %CAN4000_JAVA_OPTS% -cp "!CP!" io.github.can4000.examples.cli.Main %*
exit /b %ERRORLEVEL%
