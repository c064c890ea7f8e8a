// Placeholder: replaced by the simulator (tidewatch simulate).
#include "commands.h"
namespace tidewatch::app {
void register_simulate(CLI::App&) {}
}  // namespace tidewatch::app
