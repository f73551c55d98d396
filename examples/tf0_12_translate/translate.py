"""Binary for training translation models and decoding from them (TensorFlow 0.12).

Running this program without --decode trains a small English->French model on the tiny
corpus in data/, saving a checkpoint to --train_dir every --steps_per_checkpoint steps; at
the end it translates --sentence with the weights it just trained.
With --decode it restores the latest checkpoint from --train_dir and translates --sentence
(or the sentences read from standard input).

  python translate.py --train_dir=/tmp/translate012 --max_steps=60 --sentence="the red car"
  python translate.py --train_dir=/tmp/translate012 --decode --sentence="the red car"
"""

from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import math
import os
import random
import sys
import time

import numpy as np
import tensorflow as tf

import data_utils
import seq2seq_model

try:
  xrange
except NameError:
  xrange = range


tf.app.flags.DEFINE_float("learning_rate", 0.5, "Learning rate.")
tf.app.flags.DEFINE_float("learning_rate_decay_factor", 0.99,
                          "Learning rate decays by this much.")
tf.app.flags.DEFINE_float("max_gradient_norm", 5.0,
                          "Clip gradients to this norm.")
tf.app.flags.DEFINE_integer("batch_size", 8,
                            "Batch size to use during training.")
tf.app.flags.DEFINE_integer("size", 16, "Size of each model layer.")
tf.app.flags.DEFINE_integer("num_layers", 2, "Number of layers in the model.")
tf.app.flags.DEFINE_integer("en_vocab_size", 20, "English vocabulary size.")
tf.app.flags.DEFINE_integer("fr_vocab_size", 22, "French vocabulary size.")
tf.app.flags.DEFINE_integer("num_samples", 8, "Number of samples for sampled softmax.")
tf.app.flags.DEFINE_string("data_dir", os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"), "Data directory")
tf.app.flags.DEFINE_string("train_dir", "/tmp/translate012", "Training directory.")
tf.app.flags.DEFINE_integer("max_train_data_size", 0,
                            "Limit on the size of training data (0: no limit).")
tf.app.flags.DEFINE_integer("steps_per_checkpoint", 10,
                            "How many training steps to do per checkpoint.")
tf.app.flags.DEFINE_integer("max_steps", 60, "Stop training after this many steps (0: never).")
tf.app.flags.DEFINE_integer("seed", 3, "Random seed.")
tf.app.flags.DEFINE_boolean("decode", False,
                            "Set to True for interactive decoding.")
tf.app.flags.DEFINE_string("sentence", "", "Sentence to translate (decode: else stdin).")
tf.app.flags.DEFINE_boolean("use_fp16", False,
                            "Train using fp16 instead of fp32.")

FLAGS = tf.app.flags.FLAGS

# We use a number of buckets and pad to the closest one for efficiency.
_buckets = [(3, 4), (5, 6)]


def read_data(source_path, target_path, max_size=None):
  """Read data from source and target files and put into buckets.

  Returns:
    data_set: a list of length len(_buckets); data_set[n] contains a list of
      (source, target) pairs read from the provided data files that fit
      into the n-th bucket, i.e., such that len(source) < _buckets[n][0] and
      len(target) < _buckets[n][1]; source and target are lists of token-ids.
  """
  en_vocab, _ = data_utils.initialize_vocabulary(os.path.join(FLAGS.data_dir, "vocab.en"))
  fr_vocab, _ = data_utils.initialize_vocabulary(os.path.join(FLAGS.data_dir, "vocab.fr"))
  data_set = [[] for _ in _buckets]
  with tf.gfile.GFile(source_path, mode="r") as source_file:
    with tf.gfile.GFile(target_path, mode="r") as target_file:
      source, target = source_file.readline(), target_file.readline()
      counter = 0
      while source and target and (not max_size or counter < max_size):
        counter += 1
        source_ids = data_utils.sentence_to_token_ids(source, en_vocab)
        target_ids = data_utils.sentence_to_token_ids(target, fr_vocab)
        target_ids.append(data_utils.EOS_ID)
        for bucket_id, (source_size, target_size) in enumerate(_buckets):
          if len(source_ids) < source_size and len(target_ids) < target_size:
            data_set[bucket_id].append([source_ids, target_ids])
            break
        source, target = source_file.readline(), target_file.readline()
  return data_set


def new_model(forward_only):
  dtype = tf.float16 if FLAGS.use_fp16 else tf.float32
  return seq2seq_model.Seq2SeqModel(
      FLAGS.en_vocab_size,
      FLAGS.fr_vocab_size,
      _buckets,
      FLAGS.size,
      FLAGS.num_layers,
      FLAGS.max_gradient_norm,
      FLAGS.batch_size,
      FLAGS.learning_rate,
      FLAGS.learning_rate_decay_factor,
      num_samples=FLAGS.num_samples,
      forward_only=forward_only,
      dtype=dtype)


def create_model(session, forward_only):
  """Create translation model and initialize or load parameters in session."""
  model = new_model(forward_only)
  ckpt = tf.train.get_checkpoint_state(FLAGS.train_dir)
  if ckpt and tf.gfile.Exists(ckpt.model_checkpoint_path):
    print("Reading model parameters from %s" % ckpt.model_checkpoint_path)
    model.saver.restore(session, ckpt.model_checkpoint_path)
  else:
    print("Created model with fresh parameters.")
    session.run(tf.initialize_all_variables())
  return model


def translate(sess, model, sentence, en_vocab, rev_fr_vocab):
  """Greedy-decode one sentence with a forward-only model of batch size 1."""
  # Get token-ids for the input sentence.
  token_ids = data_utils.sentence_to_token_ids(sentence, en_vocab)
  # Which bucket does it belong to?
  bucket_id = len(_buckets) - 1
  for i, bucket in enumerate(_buckets):
    if bucket[0] >= len(token_ids):
      bucket_id = i
      break
  else:
    print("Sentence truncated: %s" % sentence)
    token_ids = token_ids[:_buckets[-1][0]]
  # Get a 1-element batch to feed the sentence to the model.
  encoder_inputs, decoder_inputs, target_weights = model.get_batch(
      {bucket_id: [(token_ids, [])]}, bucket_id)
  # Get output logits for the sentence.
  _, _, output_logits = model.step(sess, encoder_inputs, decoder_inputs,
                                   target_weights, bucket_id, True)
  # This is a greedy decoder - outputs are just argmaxes of output_logits.
  outputs = [int(np.argmax(logit, axis=1)) for logit in output_logits]
  # If there is an EOS symbol in outputs, cut them at that point.
  if data_utils.EOS_ID in outputs:
    outputs = outputs[:outputs.index(data_utils.EOS_ID)]
  print("tokens: %s" % " ".join(str(t) for t in outputs))
  print("translation: %s" % " ".join([rev_fr_vocab[output] for output in outputs]))
  sys.stdout.flush()


def train():
  """Train a en->fr translation model on the bundled corpus."""
  # Prepare the data.
  print("Preparing data in %s" % FLAGS.data_dir)
  en_train, fr_train, en_vocab_path, fr_vocab_path = data_utils.prepare_wmt_data(
      FLAGS.data_dir, FLAGS.en_vocab_size, FLAGS.fr_vocab_size)
  random.seed(FLAGS.seed)
  np.random.seed(FLAGS.seed)
  tf.set_random_seed(FLAGS.seed)

  with tf.Session() as sess:
    # Create model.
    print("Creating %d layers of %d units." % (FLAGS.num_layers, FLAGS.size))
    model = create_model(sess, False)
    # A decoder sharing the weights, to show a translation when training ends.
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
      sampler = new_model(True)
    sampler.batch_size = 1

    # Read data into buckets and compute their sizes.
    train_set = read_data(en_train, fr_train, FLAGS.max_train_data_size)
    train_bucket_sizes = [len(train_set[b]) for b in xrange(len(_buckets))]
    train_total_size = float(sum(train_bucket_sizes))

    # A bucket scale is a list of increasing numbers from 0 to 1 that we'll use
    # to select a bucket. Length of [scale[i], scale[i+1]] is proportional to
    # the size if i-th training bucket, as used later.
    train_buckets_scale = [sum(train_bucket_sizes[:i + 1]) / train_total_size
                           for i in xrange(len(train_bucket_sizes))]

    # This is the training loop.
    step_time, loss = 0.0, 0.0
    current_step = 0
    previous_losses = []
    while True:
      # Choose a bucket according to data distribution. We pick a random number
      # in [0, 1] and use the corresponding interval in train_buckets_scale.
      random_number_01 = np.random.random_sample()
      bucket_id = min([i for i in xrange(len(train_buckets_scale))
                       if train_buckets_scale[i] > random_number_01])

      # Get a batch and make a step.
      start_time = time.time()
      encoder_inputs, decoder_inputs, target_weights = model.get_batch(
          train_set, bucket_id)
      _, step_loss, _ = model.step(sess, encoder_inputs, decoder_inputs,
                                   target_weights, bucket_id, False)
      step_time += (time.time() - start_time) / FLAGS.steps_per_checkpoint
      loss += step_loss / FLAGS.steps_per_checkpoint
      current_step += 1

      # Once in a while, we save checkpoint, print statistics, and run evals.
      if current_step % FLAGS.steps_per_checkpoint == 0:
        # Print statistics for the previous epoch.
        perplexity = math.exp(float(loss)) if loss < 300 else float("inf")
        print("global step %d learning rate %.4f step-time %.2f loss %.4f perplexity "
              "%.2f" % (model.global_step.eval(), model.learning_rate.eval(),
                        step_time, loss, perplexity))
        # Decrease learning rate if no improvement was seen over last 3 times.
        if len(previous_losses) > 2 and loss > max(previous_losses[-3:]):
          sess.run(model.learning_rate_decay_op)
        previous_losses.append(loss)
        # Save checkpoint and zero timer and loss.
        if not tf.gfile.Exists(FLAGS.train_dir):
          tf.gfile.MakeDirs(FLAGS.train_dir)
        checkpoint_path = os.path.join(FLAGS.train_dir, "translate.ckpt")
        model.saver.save(sess, checkpoint_path, global_step=model.global_step)
        step_time, loss = 0.0, 0.0
        sys.stdout.flush()
      if FLAGS.max_steps and current_step >= FLAGS.max_steps:
        break

    if FLAGS.sentence:
      en_vocab, _ = data_utils.initialize_vocabulary(en_vocab_path)
      _, rev_fr_vocab = data_utils.initialize_vocabulary(fr_vocab_path)
      translate(sess, sampler, FLAGS.sentence, en_vocab, rev_fr_vocab)


def decode():
  with tf.Session() as sess:
    # Create model and load parameters.
    model = create_model(sess, True)
    model.batch_size = 1  # We decode one sentence at a time.

    # Load vocabularies.
    en_vocab_path = os.path.join(FLAGS.data_dir, "vocab.en")
    fr_vocab_path = os.path.join(FLAGS.data_dir, "vocab.fr")
    en_vocab, _ = data_utils.initialize_vocabulary(en_vocab_path)
    _, rev_fr_vocab = data_utils.initialize_vocabulary(fr_vocab_path)

    if FLAGS.sentence:
      translate(sess, model, FLAGS.sentence, en_vocab, rev_fr_vocab)
      return
    # Decode from standard input.
    sys.stdout.write("> ")
    sys.stdout.flush()
    sentence = sys.stdin.readline()
    while sentence:
      translate(sess, model, sentence, en_vocab, rev_fr_vocab)
      print("> ", end="")
      sys.stdout.flush()
      sentence = sys.stdin.readline()


def main(_):
  if FLAGS.decode:
    decode()
  else:
    train()


if __name__ == "__main__":
  tf.app.run()
