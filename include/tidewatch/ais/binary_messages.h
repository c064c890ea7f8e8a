#pragma once
// Application-specific messages carried in binary messages 6 and 8, keyed by
// DAC (designated area code) and FI (function identifier): IMO SN.1/Circ.236
// and 289, EU inland AIS (DAC 200), UK/IE GLA AtoN monitoring (DAC 235/250).
// The raw data always stays in AddressedBinary::data / BroadcastBinary::data;
// these records are the decoded form of the subtypes tidewatch knows.

#include <variant>

namespace tidewatch::ais {

/// The decoded application message; std::monostate when the DAC/FI is not one
/// tidewatch decodes (or its length does not fit the definition).
using ApplicationData = std::variant<std::monostate>;

}  // namespace tidewatch::ais
