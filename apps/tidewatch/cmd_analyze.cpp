// Being written: tidewatch analyze.
#include "commands.h"
namespace tidewatch::app {
void register_analyze(CLI::App&) {}
}  // namespace tidewatch::app
