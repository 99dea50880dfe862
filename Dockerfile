# deckgen in a container: a static (musl) binary on an empty base image.
#   docker build -t deckgen .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/deck" deckgen build deck.toml
# The deck's folder is mounted at /deck, the working directory; the built-in fonts are in the
# binary, a deck's own fonts come from its folder.
FROM rust:1-alpine AS build
RUN apk add --no-cache build-base git
WORKDIR /src
COPY . .
RUN cargo build --profile dist --locked && cp target/dist/deckgen /deckgen

FROM scratch
COPY --from=build /deckgen /deckgen
WORKDIR /deck
ENTRYPOINT ["/deckgen"]
CMD ["build", "deck.toml"]
