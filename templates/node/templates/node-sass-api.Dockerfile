{# After swap-packages put dart-sass in node-sass's folders (catalogue node_ceilings.node-sass.shim): node-sass's render callback context. #}
# node-sass calls render's callback with `this.options`, its sourceMap `true` turned into the map's path
# (node-sass-middleware reads both), and dart-sass does not: a wrapper in each stand-in adds it.
RUN find node_modules -type d -path '*node_modules/node-sass' -prune -exec sh -c \
        'mv "$0/sass.dart.js" "$0/dart-sass.js" && printf "%s\n" \
            "// dart-sass standing in for node-sass: the render callback gets this.options, as from node-sass." \
            "const sass = require(\"./dart-sass.js\");" \
            "module.exports = { ...sass, render(options, callback) {" \
            "  const map = options.sourceMap === true && options.outFile ? options.outFile + \".map\" : options.sourceMap;" \
            "  const context = { options: { ...options, sourceMap: map } };" \
            "  return sass.render(options, (error, result) => callback.call(context, error, result));" \
            "} };" > "$0/sass.dart.js"' {} \;
