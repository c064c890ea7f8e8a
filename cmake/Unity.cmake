# tidewatch_unity(target): with -DTIDEWATCH_UNITY=ON, compile the target's
# sources in unity batches of TIDEWATCH_UNITY_BATCH_SIZE files (CMake's
# UNITY_BUILD; docs/testing.md "Unity builds").  The sources are globbed in
# sorted order, so a batch holds neighbouring files of one to three stage
# folders: file-local names (anonymous namespaces, static functions, macros)
# must not repeat within a stage's namespace, and a `using namespace` at
# namespace scope reaches the files after it in the batch.
function(tidewatch_unity target)
  if(TIDEWATCH_UNITY)
    set_target_properties(${target} PROPERTIES
      UNITY_BUILD ON
      UNITY_BUILD_MODE BATCH
      UNITY_BUILD_BATCH_SIZE ${TIDEWATCH_UNITY_BATCH_SIZE})
    # g++ takes the batched .cpp files for headers and warns that a class
    # there (an Impl, a test fixture) has a member or base from an anonymous
    # namespace; per file, and with clang, that warning does not arise.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
    endif()
  endif()
endfunction()
