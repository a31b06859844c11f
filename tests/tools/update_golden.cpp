// Writes the reference PNGs of the graphics golden tests. Run it only on
// purpose, through scripts/update-golden.sh, after a deliberate design change;
// then look at every PNG before committing it.

#include <filesystem>
#include <iostream>

#include <opencv2/imgcodecs.hpp>

#include "golden_cases.hpp"
#include "hawker/overlay/graphics.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: hawker_update_golden OUTPUT_DIR" << std::endl;
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    const hawker::overlay::Theme theme;
    const auto fonts = hawker::overlay::Fonts::loadDefault();
    for (const auto& c : hawker::golden::goldenCases()) {
        const cv::Mat bitmap = hawker::overlay::renderGraphic(c.content, c.size, theme, fonts);
        const auto path = dir / (c.name + ".png");
        if (!cv::imwrite(path.string(), bitmap)) {
            std::cerr << "cannot write " << path << std::endl;
            return 1;
        }
        std::cout << "wrote " << path.string() << " (" << bitmap.cols << "x" << bitmap.rows << ")"
                  << std::endl;
    }
    return 0;
}
