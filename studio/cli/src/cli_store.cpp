// hawker session new|end|list and hawker catalog import|list: the session
// table and the catalog in a database, in the forms of docs/DESIGN.md's
// command-line contract.

#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_commands.hpp"
#include "hawker/studio/show/catalog_csv.hpp"
#include "hawker/studio/store/catalog_store.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

namespace {

/// The --target-* options as the session's targets JSON.
std::string targetsJson(const SessionNewArgs& args) {
    nlohmann::json targets = nlohmann::json::object();
    if (args.targetGmvCents) targets["gmv_cents"] = *args.targetGmvCents;
    if (args.targetUv) targets["uv"] = *args.targetUv;
    if (args.targetConversion) targets["conversion_rate"] = *args.targetConversion;
    for (const auto& [sku, units] : args.targetUnits)
        targets["units"][sku] = units;
    return targets.dump();
}

} // namespace

int commandSessionNew(const SessionNewArgs& args) {
    Database database(args.db);
    SessionStore sessions(database);
    const Session session = sessions.create(args.title, args.tag, args.start, args.rehearsal);
    sessions.setPlan(session.id, args.platforms, targetsJson(args));
    if (args.variant) sessions.setVariant(session.id, *args.variant);
    if (!args.host.empty()) sessions.setHost(session.id, args.host);
    std::cout << session.id << std::endl;
    return 0;
}

int commandSessionEnd(const SessionEndArgs& args) {
    Database database(args.db);
    SessionStore(database).end(args.session, args.at);
    return 0;
}

int commandSessionList(const SessionListArgs& args) {
    Database database(args.db);
    std::cout << "id\ttitle\ttag\tstate\trehearsal\tstart_utc_ms\tend_utc_ms\tplatforms\ttargets\thost\n";
    for (const Session& s : SessionStore(database).list()) {
        std::cout << s.id << '\t' << s.title << '\t' << s.tag << '\t' << s.state << '\t'
                  << (s.rehearsal ? 1 : 0) << '\t' << (s.startUtcMs ? std::to_string(*s.startUtcMs) : "")
                  << '\t' << (s.endUtcMs ? std::to_string(*s.endUtcMs) : "") << '\t' << s.platforms << '\t'
                  << s.targetsJson << '\t' << s.host << '\n';
    }
    return 0;
}

int commandCatalogImport(const CatalogImportArgs& args) {
    std::ifstream in(args.file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + args.file);
    std::ostringstream text;
    text << in.rdbuf();
    const CatalogParse parse = parseCatalogCsv(text.str());
    for (const CatalogProblem& problem : parse.problems)
        std::cerr << args.file << ":" << problem.line << ": " << problem.reason << "\n";
    if (!parse.problems.empty() && !args.skipBad)
        throw std::runtime_error(std::to_string(parse.problems.size()) +
                                 " bad row(s), nothing imported (fix them, or use --skip-bad)");
    Database database(args.db);
    CatalogStore(database).upsert(parse.products);
    std::cout << "imported " << parse.products.size() << " products";
    if (!parse.problems.empty()) std::cout << ", skipped " << parse.problems.size() << " bad row(s)";
    std::cout << std::endl;
    return 0;
}

int commandCatalogList(const CatalogListArgs& args) {
    Database database(args.db);
    std::cout << "sku\tname\tcategory\tprice_cents\toriginal_price_cents\tstock\n";
    for (const CatalogProduct& p : CatalogStore(database).list()) {
        std::cout << p.sku << '\t' << p.name << '\t' << p.category << '\t' << p.priceCents << '\t'
                  << (p.originalPriceCents ? std::to_string(*p.originalPriceCents) : "") << '\t'
                  << (p.stock ? std::to_string(*p.stock) : "") << '\n';
    }
    return 0;
}

} // namespace hawker::studio
