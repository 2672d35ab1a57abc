-- GET with the headers given on the command line (-H), and the JSON summary line.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("report")
done = report
