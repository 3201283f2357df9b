#include "cli/app.h"

int main(int argc, char** argv) { return bw::cli::Run(argc, argv); }
