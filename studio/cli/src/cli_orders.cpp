// hawker orders import: platform order exports into a session, through the
// same writer as live events (docs/PLATFORMS.md).

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli_commands.hpp"
#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/order_import.hpp"
#include "hawker/studio/analytics/order_sheets.hpp"
#include "hawker/studio/analytics/order_values.hpp"

namespace hawker::studio {

namespace {

/// The writer's page cache for one import: a 200,000-row export is about
/// 75 MB of table and index pages; with this much cache the transaction
/// writes each page once (bench/orders.sh measures it).
constexpr int kImportCacheMiB = 128;

/// Larger than any shop's export (a 200,000-row one is about 40 MB): a file
/// beyond this is a mistake, refused before it is read into memory.
constexpr std::uintmax_t kMaxFileBytes = 512ull << 20;

/// The whole file in one allocation of its size: a stream's growing buffer
/// would copy tens of megabytes several times over.
std::string readBytes(const std::string& path) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error) throw std::runtime_error("cannot read " + path + ": " + error.message());
    if (size > kMaxFileBytes)
        throw std::runtime_error(path + " is " + std::to_string(size >> 20) +
                                 " MiB; an export file may be at most " +
                                 std::to_string(kMaxFileBytes >> 20) + " MiB");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string bytes(static_cast<size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.gcount() != static_cast<std::streamsize>(bytes.size()))
        throw std::runtime_error("cannot read " + path + ": it changed while being read");
    return bytes;
}

} // namespace

int commandOrdersImport(const OrdersImportArgs& args) {
    OrderColumns columns = presetColumns(args.platform);
    if (args.map) applyColumnMap(columns, readBytes(*args.map));
    if (args.tz) {
        checkTimeZone(*args.tz);
        columns.defaultZone = *args.tz;
    }
    std::vector<Sheet> sheets;
    for (const std::string& file : args.files)
        sheets.push_back(readOrderSheet(readBytes(file), file));
    sheets = joinTaobaoSheets(std::move(sheets), columns);

    auto hasher =
        std::make_shared<const ViewerHasher>(ViewerHasher::fromKeyFile(ViewerHasher::defaultKeyPath()));
    EventIngest ingest(args.db, hasher, kImportCacheMiB);
    if (!ingest.sessionExists(args.session))
        throw std::runtime_error("no session " + std::to_string(args.session) + " in " + args.db);
    Database reader(args.db, Database::Threading::OneThread);
    const bool severalFiles = sheets.size() > 1;
    const OrderImportResult result =
        importOrderSheets(ingest, reader, args.session, std::move(sheets), columns, args.skipBad);
    std::cout << result.toJson(severalFiles).dump() << std::endl;
    if (!result.stored) {
        std::cerr
            << "hawker: " << result.rejected.size()
            << " bad row(s), nothing imported (fix them, or use --skip-bad) / 有错误行，未导入任何订单\n";
        return 1;
    }
    return 0;
}

} // namespace hawker::studio
