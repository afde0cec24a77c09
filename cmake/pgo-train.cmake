# The training runs of VB_PGO (cmake/Pgo.cmake): the instrumented tool
# TOOL on the bundled sample corpus, writing its profile to DATA, then
# STAMP.  The runs are the jobs users run most: report and tag with the
# shipped lexicons, and report with a plain word list (the bench's
# 128-term peer lexicon), one thread and two.  The old profile is removed
# first: a run adds to what it finds.
file(GLOB old "${DATA}/*.gcda")
if(old)
  file(REMOVE ${old})
endif()
file(MAKE_DIRECTORY "${DATA}")
set(sample "${SOURCE}/corpora/sample.csv")
set(plain "${SOURCE}/bench/peers/peer-lexicon.json")
set(runs
  "report|-j|1|-f|csv"
  "report|-j|2|-f|json|--by|region|--period|month"
  "tag|-j|1|-f|csv"
  "tag|-j|1|-f|ndjson"
  "report|-j|1|-l|${plain}|-f|csv"
  "tag|-j|1|-l|${plain}|-f|csv")
foreach(run IN LISTS runs)
  string(REPLACE "|" ";" args "${run}")
  execute_process(COMMAND "${TOOL}" ${args} -q -o /dev/null "${sample}"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "profile training failed: verbatim ${args}: ${err}")
  endif()
endforeach()
file(TOUCH "${STAMP}")
