# tidewatch_unity(target): with -DTIDEWATCH_UNITY=ON, compile the target's
# sources in unity batches of TIDEWATCH_UNITY_BATCH_SIZE files (CMake's
# UNITY_BUILD).  The sources are globbed in sorted order, so a batch holds
# files of one stage folder (or of two neighbouring ones): file-local names
# (anonymous namespaces) must be unique within a stage's namespace.
function(tidewatch_unity target)
  if(TIDEWATCH_UNITY)
    set_target_properties(${target} PROPERTIES
      UNITY_BUILD ON
      UNITY_BUILD_MODE BATCH
      UNITY_BUILD_BATCH_SIZE ${TIDEWATCH_UNITY_BATCH_SIZE})
  endif()
endfunction()
